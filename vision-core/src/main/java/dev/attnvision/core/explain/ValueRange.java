package dev.attnvision.core.explain;

/**
 * The values a colour scale spans: {@code low} gets the colour map's first colour, {@code high} its last.
 *
 * @param low the value at the bottom of the scale
 * @param high the value at the top; equal to {@code low} only for a constant map
 */
public record ValueRange(double low, double high) {
    /** 0 to 1: sigmoid masks and softmax weights, comparable across blocks and images. */
    public static final ValueRange UNIT = new ValueRange(0, 1);

    public ValueRange {
        if (!(low <= high) || Double.isInfinite(low) || Double.isInfinite(high)) {
            throw new IllegalArgumentException("a value range needs finite low <= high, got " + low + " to " + high);
        }
    }

    /** Where {@code value} falls, 0 at {@code low} and 1 at {@code high}, clamped; 0 for a constant range. */
    public double position(double value) {
        return high == low ? 0 : Math.min(1, Math.max(0, (value - low) / (high - low)));
    }
}
