package dev.attnvision.cli.mixin;

import dev.attnvision.core.detect.DetectionSettings;
import dev.attnvision.core.detect.DetectorModelConfig;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Which detections a detector keeps: thresholds, NMS, class filter, canvas size and test-time augmentation. */
public final class DetectionOptions {
    /** The detector used without {@code --model}. */
    public static final String DEFAULT_MODEL = "bccd";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL",
            description = "A detector's name (see 'attnvision models list') or model folder (default: " + DEFAULT_MODEL
                    + ").")
    String model;

    @Option(names = "--conf", paramLabel = "P", defaultValue = "0.25",
            description = "Keep detections scoring above this, 0 to 1 (default: ${DEFAULT-VALUE}).")
    float confidence;

    @Option(names = "--iou", paramLabel = "T", defaultValue = "0.5",
            description = "NMS: drop a box overlapping a better one of its class by more than this IoU (default: ${DEFAULT-VALUE}).")
    float iou;

    @Option(names = "--agnostic-nms", description = "Suppress overlapping boxes across classes too, keeping the"
            + " best-scoring label of each object (by default only boxes of the same class suppress each other).")
    boolean agnosticNms;

    @Option(names = "--max-det", paramLabel = "N", defaultValue = "100",
            description = "Most detections per image (default: ${DEFAULT-VALUE}).")
    int maxDetections;

    @Option(names = "--classes", split = ",", paramLabel = "NAME",
            description = "Only these classes, by name, comma-separated (default: all).")
    List<String> classes = new ArrayList<>();

    @Option(names = "--tta", description = "Test-time augmentation: also run each image mirrored and fuse the boxes"
            + " of both passes (weighted box fusion): boxes sit tighter, at 1.7-1.8x the time (README).")
    boolean augment;

    @Option(names = "--img-size", paramLabel = "S",
            description = "Side of the square the image is letterboxed to (default: the model's training size).")
    Integer imageSize;

    /** The model name or folder given, or the default detector's name. */
    public String model() {
        return model == null ? DEFAULT_MODEL : model;
    }

    /** The settings for a detector of {@code config}; a usage error on bad values or unknown classes. */
    public DetectionSettings settings(DetectorModelConfig config) {
        List<String> classNames = config.network().classNames();
        try {
            return new DetectionSettings(confidence, iou, maxDetections,
                    imageSize == null ? config.imageSize() : imageSize,
                    DetectionSettings.classIds(classes, classNames), agnosticNms, augment);
        } catch (IllegalArgumentException e) {
            String option = e.getMessage().contains("is not a class") ? "Invalid value for option '--classes': "
                    : "Invalid option: ";
            throw new ParameterException(spec.commandLine(), option + e.getMessage());
        }
    }
}
