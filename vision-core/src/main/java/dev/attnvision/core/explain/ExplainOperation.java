package dev.attnvision.core.explain;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.attnvision.core.detect.SingleStageDetector;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.image.RasterChannels;
import dev.attnvision.core.model.InvalidModelException;
import dev.attnvision.core.model.ModelArchitecture;
import dev.attnvision.core.model.ModelManifest;
import dev.attnvision.core.model.StoredModel;
import dev.attnvision.core.pipeline.ImageOperation;
import dev.attnvision.core.pipeline.ImageProcessor;
import dev.attnvision.core.pipeline.ProcessedImage;
import dev.attnvision.core.sr.A2n;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Explanation as a batch operation: the model is loaded once, every worker runs the same read-only
 * {@link Explainer} (each forward pass in its own sub-manager) on the image reduced to the options' longest side, and
 * renders its figures as the image's output parts.
 * Which explainer a model gets follows its architecture: A2N models get an {@link A2nExplainer}, detectors a
 * {@link DetectorExplainer}; another family plugs in as one more case in the two switches here.
 */
public final class ExplainOperation implements ImageOperation {
    private final String model;
    private final ExplainOptions options;
    private final NDManager manager;
    private final Explainer explainer;

    private ExplainOperation(String model, ExplainOptions options, NDManager manager, Explainer explainer) {
        this.model = model;
        this.options = options;
        this.manager = manager;
        this.explainer = explainer;
    }

    /**
     * The output parts explaining {@code model} makes, known before it is loaded (to plan the outputs).
     *
     * @throws IllegalArgumentException if the options do not fit the model (see {@link #open})
     * @throws InvalidModelException if a detector's configuration is unreadable
     */
    public static List<String> parts(StoredModel model, ExplainOptions options) throws InvalidModelException {
        return switch (architecture(model.manifest(), options)) {
            case A2N -> A2nExplainer.PARTS;
            case DETECTOR -> DetectorExplainer.parts(model.detectorConfig().network(), options.stages());
        };
    }

    /**
     * Loads a model (its parameters verified) and makes the operation explaining it.
     *
     * @throws IOException if the model cannot be read
     * @throws IllegalArgumentException if the options do not fit the model: stages for an A2N, a channel for a
     *     detector (its maps have one), a channel or stage the model does not have
     */
    public static ExplainOperation open(StoredModel model, ExplainOptions options) throws IOException {
        ModelArchitecture architecture = architecture(model.manifest(), options);
        NDManager manager = NDManager.newBaseManager();
        try {
            Block network = model.load(manager);
            Explainer explainer = switch (architecture) {
                case A2N -> new A2nExplainer((A2n) network, options.channel());
                case DETECTOR -> new DetectorExplainer((SingleStageDetector) network, options.stages());
            };
            return new ExplainOperation(model.manifest().name(), options, manager, explainer);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The model's architecture, once the options are known to apply to it. */
    private static ModelArchitecture architecture(ModelManifest manifest, ExplainOptions options) {
        ModelArchitecture architecture = ModelArchitecture.of(manifest.architecture());
        if (architecture == ModelArchitecture.A2N && !options.stages().isEmpty()) {
            throw new IllegalArgumentException("stages are those of a detector's backbone; " + manifest.name()
                    + " is an A2N model (leave out --stages)");
        }
        if (architecture == ModelArchitecture.DETECTOR && !options.channel().isMean()) {
            throw new IllegalArgumentException("a channel is chosen among an A2N mask's channels; " + manifest.name()
                    + " is a detector, whose spatial maps have one channel (leave out --channel)");
        }
        return architecture;
    }

    @Override
    public String name() {
        return "explain";
    }

    @Override
    public ImageProcessor newProcessor() {
        return new ImageProcessor() {
            @Override
            public ProcessedImage process(Raster image) {
                Raster fitted = options.fit(RasterChannels.rgb(image));
                Explanation explanation = explainer.explain(fitted, manager);
                List<ProcessedImage.Part> parts = new ArrayList<>();
                for (Figure figure : explanation.figures()) {
                    parts.add(new ProcessedImage.Part(figure.part(), figure.render()));
                }
                Map<String, Object> fields = new HashMap<>(explanation.fields());
                fields.put("model", model);
                fields.put("explained_size", List.of(fitted.width(), fitted.height()));
                return new ProcessedImage(Optional.empty(), fields, parts);
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public void close() {
        manager.close();
    }
}
