package dev.attnvision.core.detect;

import java.util.List;

/**
 * A detection as written to JSON: class by id and name, score, box corners in original image pixels.
 *
 * @param label the class name
 * @param classId the class index in the model's class list
 * @param score confidence in [0, 1]
 * @param x1 left edge
 * @param y1 top edge
 * @param x2 right edge
 * @param y2 bottom edge
 */
public record DetectedObject(String label, int classId, float score, float x1, float y1, float x2, float y2) {
    /** {@code detection} named after {@code classNames}. */
    public static DetectedObject of(Detection detection, List<String> classNames) {
        return new DetectedObject(classNames.get(detection.classId()), detection.classId(), detection.score(),
                detection.x1(), detection.y1(), detection.x2(), detection.y2());
    }

    /** Width {@code x2 - x1}. */
    public float width() {
        return x2 - x1;
    }

    /** Height {@code y2 - y1}. */
    public float height() {
        return y2 - y1;
    }
}
