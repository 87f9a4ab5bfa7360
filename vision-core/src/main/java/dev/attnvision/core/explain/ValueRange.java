package dev.attnvision.core.explain;

import java.util.List;

/**
 * The values a colour scale spans: {@code low} gets the colour map's first colour, {@code high} its last.
 *
 * @param low the value at the bottom of the scale
 * @param high the value at the top; equal to {@code low} only for a constant map
 */
public record ValueRange(double low, double high) {
    public ValueRange {
        if (!(low <= high) || Double.isInfinite(low) || Double.isInfinite(high)) {
            throw new IllegalArgumentException("a value range needs finite low <= high, got " + low + " to " + high);
        }
    }

    /**
     * From the smallest to the largest value of all {@code maps}, so they share one scale.
     *
     * @throws IllegalArgumentException if there are no values or some are not finite
     */
    public static ValueRange spanning(List<AttentionMap> maps) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (AttentionMap map : maps) {
            for (float v : map.values()) {
                low = Math.min(low, v);
                high = Math.max(high, v);
            }
        }
        return new ValueRange(low, high);
    }

    /** Where {@code value} falls, 0 at {@code low} and 1 at {@code high}, clamped; 0 for a constant range. */
    public double position(double value) {
        return high == low ? 0 : Math.min(1, Math.max(0, (value - low) / (high - low)));
    }
}
