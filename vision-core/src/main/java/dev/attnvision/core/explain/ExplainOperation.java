package dev.attnvision.core.explain;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.attnvision.core.image.Raster;
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
 * {@link Explainer} (each forward pass in its own sub-manager) and renders its figures as the image's output parts.
 * Which explainer a model gets follows its architecture: A2N models get an {@link A2nExplainer}; a detector plugs in
 * as one more architecture case here with an explainer of its own.
 */
public final class ExplainOperation implements ImageOperation {
    private final String model;
    private final NDManager manager;
    private final Explainer explainer;

    private ExplainOperation(String model, NDManager manager, Explainer explainer) {
        this.model = model;
        this.manager = manager;
        this.explainer = explainer;
    }

    /**
     * The output parts explaining {@code manifest}'s model makes, known before it is loaded (to plan the outputs).
     *
     * @throws IllegalArgumentException if the architecture is unknown
     */
    public static List<String> parts(ModelManifest manifest) {
        return switch (ModelArchitecture.of(manifest.architecture())) {
            case A2N -> A2nExplainer.PARTS;
        };
    }

    /**
     * Loads a model (its parameters verified) and makes the operation explaining it.
     *
     * @param channel how multi-channel maps become planes
     * @throws IOException if the model cannot be read
     * @throws IllegalArgumentException if the channel does not exist in the model
     */
    public static ExplainOperation open(StoredModel model, ChannelChoice channel) throws IOException {
        NDManager manager = NDManager.newBaseManager();
        try {
            Block network = model.load(manager);
            Explainer explainer = switch (ModelArchitecture.of(model.manifest().architecture())) {
                case A2N -> new A2nExplainer((A2n) network, channel);
            };
            return new ExplainOperation(model.manifest().name(), manager, explainer);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
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
                Explanation explanation = explainer.explain(image, manager);
                List<ProcessedImage.Part> parts = new ArrayList<>();
                for (Figure figure : explanation.figures()) {
                    parts.add(new ProcessedImage.Part(figure.part(), figure.render()));
                }
                Map<String, Object> fields = new HashMap<>(explanation.fields());
                fields.put("model", model);
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
