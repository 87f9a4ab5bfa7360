package dev.attnvision.core.data.degradation;

import dev.attnvision.core.image.Raster;
import java.util.SplittableRandom;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;

/**
 * Signal-dependent shot noise, Real-ESRGAN's Poisson noise: the image is rounded to grey levels {@code v}; with
 * {@code L} the image's number of distinct levels rounded up to a power of two, each sample becomes
 * {@code v + s·255·(P(L·v/255)/L - v/255)}, {@code P(λ)} a Poisson draw and {@code s} a strength drawn from
 * {@code scale}, clamped to [0, 255]. With probability {@code grayProbability} the noise is drawn once per pixel on
 * the BT.601 luma and added to every channel. Poisson draws come from Commons RNG's {@link PoissonSampler}.
 *
 * @param scale the strengths {@code s}
 * @param grayProbability odds of luminance-only noise
 */
public record PoissonNoise(Range scale, double grayProbability) {
    public PoissonNoise {
        scale.within(0, 100, "Poisson noise scale");
        Probability.check(grayProbability, "the odds of grey noise");
    }

    /** {@code image} with noise drawn from {@code random}. */
    public Raster apply(Raster image, SplittableRandom random) {
        double s = scale.draw(random);
        boolean gray = random.nextDouble() < grayProbability && image.channels() >= 3;
        float[] in = image.floats();
        int channels = image.channels();
        int[] levels = new int[gray ? in.length / channels : in.length];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = Math.round(Samples.clamp(gray ? Samples.luma(in, i * channels) : in[i]));
        }
        Shots shots = new Shots(levels, random);
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            int source = gray ? i / channels : i;
            out[i] = Samples.clamp(in[i] + s * shots.noise(source));
        }
        return new Raster(image.width(), image.height(), channels, image.bitDepth(), out);
    }

    /** The shot noise of each level index, drawn once, in grey levels before the strength is applied. */
    private static final class Shots {
        private final double[] noise;

        Shots(int[] levels, SplittableRandom random) {
            boolean[] seen = new boolean[256];
            int distinct = 0;
            for (int v : levels) {
                if (!seen[v]) {
                    seen[v] = true;
                    distinct++;
                }
            }
            double count = Math.pow(2, Math.ceil(Math.log(distinct) / Math.log(2)));
            UniformRandomProvider source = random::nextLong;
            SharedStateDiscreteSampler[] samplers = new SharedStateDiscreteSampler[256];
            noise = new double[levels.length];
            for (int i = 0; i < levels.length; i++) {
                int v = levels[i];
                if (v == 0) {
                    continue;
                }
                if (samplers[v] == null) {
                    samplers[v] = PoissonSampler.of(source, count * v / 255.0);
                }
                noise[i] = 255.0 * (samplers[v].sample() / count - v / 255.0);
            }
        }

        double noise(int index) {
            return noise[index];
        }
    }
}
