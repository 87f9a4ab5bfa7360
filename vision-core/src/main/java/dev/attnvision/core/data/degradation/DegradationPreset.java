package dev.attnvision.core.data.degradation;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The ranges of a {@link RealDegradation}: two {@link DegradationStage}s (the second relative to the final
 * low-resolution size), then the final resize to it, with a {@link SincKernel} filter of probability {@code
 * finalSincProbability} (sides {@code finalSincSizes}, cutoff in [π/3, π]) and a last JPEG, in either order.
 *
 * @param name the name users give ({@code --degradation NAME})
 * @param first the first stage, relative to the high-resolution size
 * @param second the second stage, relative to the low-resolution size
 * @param finalSincProbability odds of the final sinc filter
 * @param finalSincSizes the final sinc's sides (odd)
 * @param finalJpeg the last compression
 */
public record DegradationPreset(String name, DegradationStage first, DegradationStage second,
        double finalSincProbability, Range finalSincSizes, JpegCompression finalJpeg) {
    private static final double[] REAL_ESRGAN_KINDS = {0.45, 0.25, 0.12, 0.03, 0.12, 0.03};

    /**
     * Real-ESRGAN's ranges ({@code train_realesrnet_x4plus.yml}): blur σ 0.2-3 then 0.2-1.5 (the second with odds
     * 0.8), kernels of 7-21 pixels, sinc odds 0.1; resizes 0.15-1.5 then 0.3-1.2; Gaussian noise σ 1-30 then 1-25
     * grey levels or Poisson 0.05-3 then 0.05-2.5, grey noise odds 0.4; JPEG 30-95 in each stage and at the end;
     * a final sinc with odds 0.8.
     */
    public static final DegradationPreset REAL = new DegradationPreset("real",
            stage(1.0, new Range(0.2, 3), new RandomResize(0.2, 0.7, new Range(0.15, 1.5)), new Range(1, 30),
                    new Range(0.05, 3), new Range(30, 95)),
            stage(0.8, new Range(0.2, 1.5), new RandomResize(0.3, 0.4, new Range(0.3, 1.2)), new Range(1, 25),
                    new Range(0.05, 2.5), new Range(30, 95)),
            0.8, new Range(7, 21), new JpegCompression(new Range(30, 95)));

    /**
     * Milder ranges for ordinary photos (a phone or web JPEG rather than a worst case): blur σ 0.2-2 then 0.2-1,
     * resizes 0.5-1.2 then 0.7-1.1, Gaussian noise σ 1-10 then 1-6 or Poisson 0.05-1 then 0.05-0.5, JPEG 40-95 in
     * each stage and 60-95 at the end, a final sinc with odds 0.3; the second stage blurs with odds 0.5.
     */
    public static final DegradationPreset REAL_MILD = new DegradationPreset("real-mild",
            stage(1.0, new Range(0.2, 2), new RandomResize(0.2, 0.7, new Range(0.5, 1.2)), new Range(1, 10),
                    new Range(0.05, 1), new Range(40, 95)),
            stage(0.5, new Range(0.2, 1), new RandomResize(0.3, 0.4, new Range(0.7, 1.1)), new Range(1, 6),
                    new Range(0.05, 0.5), new Range(40, 95)),
            0.3, new Range(7, 21), new JpegCompression(new Range(60, 95)));

    /** Every preset, by name. */
    public static final List<DegradationPreset> ALL = List.of(REAL, REAL_MILD);

    public DegradationPreset {
        Probability.check(finalSincProbability, "the odds of the final sinc filter");
        if (finalSincSizes.min() < 3 || finalSincSizes.min() % 2 != 1 || finalSincSizes.max() % 2 != 1) {
            throw new IllegalArgumentException("final sinc sides must be odd and at least 3, got " + finalSincSizes);
        }
    }

    /** The preset called {@code name} (case-insensitive), if any. */
    public static Optional<DegradationPreset> named(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(p -> p.name().equals(key)).findFirst();
    }

    private static DegradationStage stage(double blurProbability, Range sigma, RandomResize resize, Range noise,
            Range poisson, Range jpeg) {
        RandomBlur blur = new RandomBlur(new Range(7, 21), REAL_ESRGAN_KINDS, sigma, new Range(0.5, 4), new Range(1, 2),
                0.1);
        return new DegradationStage(blurProbability, blur, resize, new RandomNoise(0.5, new GaussianNoise(noise, 0.4),
                new PoissonNoise(poisson, 0.4)), new JpegCompression(jpeg));
    }
}
