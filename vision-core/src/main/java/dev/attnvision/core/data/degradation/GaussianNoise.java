package dev.attnvision.core.data.degradation;

import dev.attnvision.core.image.Raster;
import java.util.SplittableRandom;

/**
 * Additive white Gaussian noise, {@code y = clamp(x + n, 0, 255)}, {@code n ~ N(0, σ²)} with {@code σ} drawn from
 * {@code sigma} (in 0..255 grey levels): per channel (colour noise) or, with probability {@code grayProbability},
 * one draw per pixel added to every channel (luminance noise), as in Real-ESRGAN.
 *
 * @param sigma standard deviations in grey levels
 * @param grayProbability odds of the same noise in every channel
 */
public record GaussianNoise(Range sigma, double grayProbability) {
    public GaussianNoise {
        sigma.within(0, 255, "Gaussian noise sigma");
        Probability.check(grayProbability, "the odds of grey noise");
    }

    /** {@code image} with noise drawn from {@code random}. */
    public Raster apply(Raster image, SplittableRandom random) {
        double s = sigma.draw(random);
        boolean gray = random.nextDouble() < grayProbability;
        float[] in = image.floats();
        float[] out = new float[in.length];
        int channels = image.channels();
        for (int pixel = 0; pixel < in.length; pixel += channels) {
            double shared = gray ? s * random.nextGaussian() : 0;
            for (int c = 0; c < channels; c++) {
                double n = gray ? shared : s * random.nextGaussian();
                out[pixel + c] = Samples.clamp(in[pixel + c] + n);
            }
        }
        return new Raster(image.width(), image.height(), channels, image.bitDepth(), out);
    }
}
