package dev.attnvision.core.detect;

/**
 * One detected object in image pixels.
 *
 * @param x1 left edge
 * @param y1 top edge
 * @param x2 right edge
 * @param y2 bottom edge
 * @param score confidence in [0, 1]
 * @param classId index into the model's class names
 */
public record Detection(float x1, float y1, float x2, float y2, float score, int classId) {
    /** Width {@code x2 - x1}. */
    public float width() {
        return x2 - x1;
    }

    /** Height {@code y2 - y1}. */
    public float height() {
        return y2 - y1;
    }
}
