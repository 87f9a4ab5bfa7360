package dev.attnvision.core.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attnvision.core.detect.DetectorModelConfig;
import dev.attnvision.core.detect.SingleStageDetector;
import dev.attnvision.core.sr.A2n;
import dev.attnvision.core.sr.A2nConfig;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The network families a stored model can have, each rebuilding its block from the manifest's config. */
public enum ModelArchitecture {
    /** A2N super-resolution ({@link A2n}); config: {@link A2nConfig}. */
    A2N("a2n") {
        @Override
        JsonNode defaultConfig(int scale) {
            return MAPPER.valueToTree(A2nConfig.forScale(scale));
        }

        @Override
        Block build(JsonNode config) throws JsonProcessingException {
            return A2n.builder().setConfig(MAPPER.treeToValue(config, A2nConfig.class)).build();
        }

        @Override
        Shape sampleInput() {
            return A2n.sampleInputShape();
        }
    },
    /** Single-stage object detector ({@link SingleStageDetector}); config: {@link DetectorModelConfig}. */
    DETECTOR("detector") {
        @Override
        JsonNode defaultConfig(int scale) {
            throw new IllegalArgumentException("there is no released detector to import weights into; train a"
                    + " detector with 'attnvision train detect' instead");
        }

        @Override
        Block build(JsonNode config) throws JsonProcessingException {
            return new SingleStageDetector(MAPPER.treeToValue(config, DetectorModelConfig.class).network());
        }

        @Override
        Shape sampleInput() {
            return new Shape(1, 3, DetectorModelConfig.MIN_IMAGE_SIZE, DetectorModelConfig.MIN_IMAGE_SIZE);
        }
    };

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String id;

    ModelArchitecture(String id) {
        this.id = id;
    }

    /** The name used in manifests and on the command line. */
    public String id() {
        return id;
    }

    /** The released configuration for {@code scale}. */
    abstract JsonNode defaultConfig(int scale);

    /** A new, uninitialized block for {@code config}. */
    abstract Block build(JsonNode config) throws JsonProcessingException;

    /** An input shape to initialize the block with. */
    abstract Shape sampleInput();

    /** The architecture called {@code id}; unknown ids list the known ones. */
    public static ModelArchitecture of(String id) {
        return Arrays.stream(values()).filter(a -> a.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown architecture '" + id + "'; known: "
                        + Arrays.stream(values()).map(ModelArchitecture::id).collect(Collectors.joining(", "))));
    }
}
