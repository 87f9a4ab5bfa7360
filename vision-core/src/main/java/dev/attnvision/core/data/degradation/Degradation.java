package dev.attnvision.core.data.degradation;

import dev.attnvision.core.image.Raster;
import java.util.SplittableRandom;

/**
 * How a high-resolution image becomes the low-resolution input a super-resolution network learns to invert.
 * Implementations are immutable and thread-safe; all randomness comes from the generator passed in.
 */
public interface Degradation {
    /**
     * The low-resolution image of exactly {@code hr.width() / scale} by {@code hr.height() / scale} pixels (RGB,
     * whole grey levels 0..255), drawn from {@code random}.
     */
    Raster degrade(Raster hr, int scale, SplittableRandom random);

    /** Whether the result ignores {@code random}: then a whole image may be reduced once and cut into patches. */
    boolean deterministic();

    /** The name users give it ({@code --degradation NAME}). */
    String name();

    /**
     * The low-resolution size of {@code hr}, {@code {hr.width() / scale, hr.height() / scale}}.
     *
     * @throws IllegalArgumentException if {@code hr} is smaller than the scale
     */
    static int[] lowResolutionSize(Raster hr, int scale) {
        int width = hr.width() / scale;
        int height = hr.height() / scale;
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a " + hr.width() + "x" + hr.height() + " image is smaller than the scale "
                    + scale);
        }
        return new int[] {width, height};
    }
}
