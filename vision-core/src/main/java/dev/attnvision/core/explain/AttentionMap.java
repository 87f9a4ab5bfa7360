package dev.attnvision.core.explain;

import ai.djl.ndarray.types.Shape;
import dev.attnvision.attention.AttentionRecorder;

/**
 * One 2-D attention map in plain Java, ready to draw: a spatial mask, a reduced channel plane, a pyramid level.
 *
 * @param label what the map is, shown beside it (e.g. "AAB 3")
 * @param width columns
 * @param height rows
 * @param values {@code height * width} values, row-major
 */
public record AttentionMap(String label, int width, int height, float[] values) {
    public AttentionMap {
        if (width < 1 || height < 1 || values.length != (long) width * height) {
            throw new IllegalArgumentException("attention map '" + label + "': " + values.length + " values do not fill "
                    + width + "x" + height);
        }
    }

    /**
     * The map of a recorded array with one plane: shape (H, W), (1, H, W) or (1, 1, H, W).
     *
     * @throws IllegalArgumentException if the recorded array holds more than one plane (reduce it first)
     */
    public static AttentionMap of(String label, AttentionRecorder.Recorded recorded) {
        Shape shape = recorded.shape();
        int dims = shape.dimension();
        if (dims < 2 || shape.size() != shape.get(dims - 2) * shape.get(dims - 1)) {
            throw new IllegalArgumentException("'" + label + "' (" + recorded.kind() + ") has shape " + shape
                    + ", expected one plane (1, 1, H, W); reduce its channels first");
        }
        return new AttentionMap(label, (int) shape.get(dims - 1), (int) shape.get(dims - 2), recorded.values());
    }

    /** The mean value. */
    public double mean() {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
