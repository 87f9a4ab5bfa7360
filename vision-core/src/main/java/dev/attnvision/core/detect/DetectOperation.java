package dev.attnvision.core.detect;

import ai.djl.ndarray.NDManager;
import dev.attnvision.core.image.BoxOverlay;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.model.StoredModel;
import dev.attnvision.core.pipeline.ImageOperation;
import dev.attnvision.core.pipeline.ImageProcessor;
import dev.attnvision.core.pipeline.ProcessedImage;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Object detection as a batch operation: one detector loaded once, an {@link ObjectDetector} per worker. Each
 * image's record carries {@value #DETECTIONS} (a list of {@link DetectedObject}), {@code width} and {@code height};
 * with {@code annotate} the image written is the input with its boxes drawn ({@link BoxOverlay}).
 */
public final class DetectOperation implements ImageOperation {
    /** The result field holding the image's {@link DetectedObject}s. */
    public static final String DETECTIONS = "detections";

    private final String modelName;
    private final SingleStageDetector network;
    private final NDManager parameters;
    private final DetectionSettings settings;
    private final boolean annotate;

    /**
     * @param modelName reported per image
     * @param network the loaded detector
     * @param parameters the manager holding its parameters, closed with the operation
     * @param settings thresholds, canvas size and class filter
     * @param annotate whether to make annotated images (else only the records)
     */
    public DetectOperation(String modelName, SingleStageDetector network, NDManager parameters,
            DetectionSettings settings, boolean annotate) {
        this.modelName = modelName;
        this.network = network;
        this.parameters = parameters;
        this.settings = settings;
        this.annotate = annotate;
    }

    /**
     * Detection by a stored detector, loaded once (parameters verified and frozen) and shared by the workers; the
     * operation owns and closes the parameters.
     */
    public static DetectOperation model(StoredModel model, DetectionSettings settings, boolean annotate)
            throws IOException {
        NDManager parameters = NDManager.newBaseManager();
        try {
            return new DetectOperation(model.manifest().name(), model.loadDetector(parameters), parameters, settings,
                    annotate);
        } catch (IOException | RuntimeException e) {
            parameters.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return "detect";
    }

    @Override
    public ImageProcessor newProcessor() {
        ObjectDetector detector = new ObjectDetector(network, settings);
        List<String> classNames = detector.classNames();
        return new ImageProcessor() {
            @Override
            public ProcessedImage process(Raster image) {
                List<DetectedObject> found = detector.detect(image).stream()
                        .map(d -> DetectedObject.of(d, classNames)).toList();
                Optional<Raster> drawn = annotate ? Optional.of(BoxOverlay.draw(image, found.stream()
                        .map(d -> new BoxOverlay.Box(d.x1(), d.y1(), d.x2(), d.y2(),
                                String.format(Locale.ROOT, "%s %.2f", d.label(), d.score()),
                                BoxOverlay.colour(d.classId())))
                        .toList())) : Optional.empty();
                return new ProcessedImage(drawn, Map.of("model", modelName, "width", image.width(),
                        "height", image.height(), DETECTIONS, found));
            }

            @Override
            public void close() {
                detector.close();
            }
        };
    }

    @Override
    public void close() {
        parameters.close();
    }
}
