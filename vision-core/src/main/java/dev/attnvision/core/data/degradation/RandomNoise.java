package dev.attnvision.core.data.degradation;

import dev.attnvision.core.image.Raster;
import java.util.SplittableRandom;

/**
 * Real-ESRGAN's noise step: {@link GaussianNoise} with probability {@code gaussianProbability}, else {@link
 * PoissonNoise}.
 *
 * @param gaussianProbability odds of Gaussian rather than Poisson noise
 * @param gaussian the Gaussian noise
 * @param poisson the Poisson noise
 */
public record RandomNoise(double gaussianProbability, GaussianNoise gaussian, PoissonNoise poisson) {
    public RandomNoise {
        Probability.check(gaussianProbability, "the odds of Gaussian noise");
    }

    /** {@code image} with one of the two noises, drawn from {@code random}. */
    public Raster apply(Raster image, SplittableRandom random) {
        return random.nextDouble() < gaussianProbability ? gaussian.apply(image, random) : poisson.apply(image, random);
    }
}
