package dev.attnvision.core.data.degradation;

import dev.attnvision.core.image.Raster;
import java.util.SplittableRandom;

/**
 * One order of Real-ESRGAN's "high-order" degradation model (arXiv:2107.10833, section 3.1): blur (with probability
 * {@code blurProbability}), a random resize of a reference size, noise, JPEG compression.
 *
 * @param blurProbability odds of the blur step
 * @param blur the blur
 * @param resize the random resize
 * @param noise the noise
 * @param jpeg the compression
 */
public record DegradationStage(double blurProbability, RandomBlur blur, RandomResize resize, RandomNoise noise,
        JpegCompression jpeg) {
    public DegradationStage {
        Probability.check(blurProbability, "the odds of blurring");
    }

    /** The stage applied to {@code image}, its resize relative to {@code baseWidth x baseHeight}. */
    public Raster apply(Raster image, int baseWidth, int baseHeight, SplittableRandom random) {
        Raster out = random.nextDouble() < blurProbability ? blur.apply(image, random) : image;
        out = resize.apply(out, baseWidth, baseHeight, random);
        out = noise.apply(out, random);
        return jpeg.apply(out, random);
    }
}
