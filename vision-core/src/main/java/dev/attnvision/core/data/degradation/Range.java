package dev.attnvision.core.data.degradation;

import java.util.random.RandomGenerator;

/**
 * A closed interval {@code [min, max]} that a degradation draws a parameter from, uniformly.
 *
 * @param min the lower end
 * @param max the upper end, at least {@code min}
 */
public record Range(double min, double max) {
    public Range {
        if (!(min <= max) || Double.isInfinite(min) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("a range needs finite ends with min <= max, got [" + min + ", " + max + "]");
        }
    }

    /** A uniform draw from the interval. */
    public double draw(RandomGenerator random) {
        return min == max ? min : min + (max - min) * random.nextDouble();
    }

    /** Whether {@code value} lies in the interval. */
    public boolean contains(double value) {
        return value >= min && value <= max;
    }

    /** Throws unless the interval lies inside {@code [low, high]}; {@code what} names it in the message. */
    Range within(double low, double high, String what) {
        if (min < low || max > high) {
            throw new IllegalArgumentException(what + " must lie in [" + low + ", " + high + "], got [" + min + ", " + max
                    + "]");
        }
        return this;
    }
}
