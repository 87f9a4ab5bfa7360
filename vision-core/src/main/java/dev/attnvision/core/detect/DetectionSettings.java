package dev.attnvision.core.detect;

import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How detections are selected at inference.
 *
 * @param confidence lowest score kept, in [0, 1]
 * @param iou IoU above which NMS drops the weaker of two same-class (or, across classes, any) boxes, in (0, 1]
 * @param maxDetections most detections per image, at least 1
 * @param imageSize the square letterbox canvas side the image is resized to
 * @param classes the class ids to keep; empty keeps every class
 * @param acrossClasses whether NMS also suppresses overlapping boxes of other classes (one label per object)
 * @param augment whether each image also runs mirrored and the two passes' boxes are fused (test-time
 *     augmentation, {@link dev.attnvision.core.detect.postprocess.WeightedBoxFusion})
 */
public record DetectionSettings(float confidence, float iou, int maxDetections, int imageSize, Set<Integer> classes,
        boolean acrossClasses, boolean augment) implements Serializable {
    /** Candidates entering NMS (RetinaNet's test setting). */
    static final int PRE_NMS_TOP_K = 1000;

    public DetectionSettings {
        if (!(confidence >= 0f && confidence <= 1f)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1, got " + confidence);
        }
        if (!(iou > 0f && iou <= 1f)) {
            throw new IllegalArgumentException("IoU threshold must be above 0 and at most 1, got " + iou);
        }
        if (maxDetections < 1) {
            throw new IllegalArgumentException("maximum detections must be at least 1, got " + maxDetections);
        }
        DetectorModelConfig.checkImageSize(imageSize);
        classes = Set.copyOf(classes);
    }

    /** Settings without test-time augmentation. */
    public DetectionSettings(float confidence, float iou, int maxDetections, int imageSize, Set<Integer> classes,
            boolean acrossClasses) {
        this(confidence, iou, maxDetections, imageSize, classes, acrossClasses, false);
    }

    /** These settings with test-time augmentation on or off. */
    public DetectionSettings withAugment(boolean on) {
        return new DetectionSettings(confidence, iou, maxDetections, imageSize, classes, acrossClasses, on);
    }

    /**
     * The ids of the classes named in {@code wanted} (names trimmed), in the order given.
     *
     * @throws IllegalArgumentException naming the first unknown class and the valid ones
     */
    public static Set<Integer> classIds(List<String> wanted, List<String> classNames) {
        Set<Integer> ids = new LinkedHashSet<>();
        for (String name : wanted) {
            String trimmed = name.strip();
            int id = classNames.indexOf(trimmed);
            if (id < 0) {
                throw new IllegalArgumentException("'" + trimmed + "' is not a class of this model; valid classes: "
                        + String.join(", ", classNames));
            }
            ids.add(id);
        }
        return ids;
    }

    /** What {@code detect} does by default: every class, score at least 0.25, IoU 0.5, 100 detections. */
    public static DetectionSettings defaults(int imageSize) {
        return new DetectionSettings(0.25f, 0.5f, 100, imageSize, Set.of(), false);
    }

    /** The evaluation setting of COCO: every class, score above 0.05, 100 detections, at {@code imageSize}. */
    public static DetectionSettings forEvaluation(int imageSize) {
        return new DetectionSettings(0.05f, 0.5f, 100, imageSize, Set.of(), false);
    }
}
