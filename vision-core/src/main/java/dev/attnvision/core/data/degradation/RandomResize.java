package dev.attnvision.core.data.degradation;

import dev.attnvision.core.image.Raster;
import java.util.SplittableRandom;

/**
 * Resizes by a random factor of a reference size, Real-ESRGAN's resize step: up (a factor in {@code [1, max]}) with
 * probability {@code up}, down ({@code [min, 1]}) with probability {@code down}, else kept; with an {@link
 * Interpolation} drawn uniformly. Real-ESRGAN's first stage scales the image it is given, its second stage the
 * final low-resolution size, which is why the reference size is the caller's.
 *
 * @param up odds of enlarging
 * @param down odds of shrinking ({@code up + down <= 1})
 * @param factors the range of factors, {@code min <= 1 <= max}
 */
public record RandomResize(double up, double down, Range factors) {
    public RandomResize {
        Probability.check(up, "the odds of enlarging");
        Probability.check(down, "the odds of shrinking");
        Probability.check(up + down, "the odds of resizing at all (up + down)");
        if (!(factors.min() > 0) || factors.min() > 1 || factors.max() < 1) {
            throw new IllegalArgumentException("resize factors must satisfy 0 < min <= 1 <= max, got " + factors);
        }
    }

    /** {@code image} resized to a random factor of {@code baseWidth x baseHeight} (at least 1 pixel a side). */
    public Raster apply(Raster image, int baseWidth, int baseHeight, SplittableRandom random) {
        double u = random.nextDouble();
        double factor = u < up ? new Range(1, factors.max()).draw(random)
                : u < up + down ? new Range(factors.min(), 1).draw(random) : 1;
        Interpolation interpolation = Interpolation.draw(random);
        int width = Math.max(1, (int) (baseWidth * factor));
        int height = Math.max(1, (int) (baseHeight * factor));
        return interpolation.resize(image, width, height);
    }
}
