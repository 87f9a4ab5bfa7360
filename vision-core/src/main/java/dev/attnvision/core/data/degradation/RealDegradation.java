package dev.attnvision.core.data.degradation;

import dev.attnvision.core.image.Raster;
import java.util.SplittableRandom;

/**
 * Real-ESRGAN's second-order degradation (Wang et al. 2021, arXiv:2107.10833, figure 2), ranges from a {@link
 * DegradationPreset}: {@code first} stage (blur, resize, noise, JPEG), {@code second} stage relative to the final size
 * {@code (w/scale, h/scale)}, then with even odds either [resize to the final size with a random {@link
 * Interpolation}, sinc filter, JPEG] or [JPEG, resize, sinc]; finally rounded to 8 bits. The sinc filter is drawn
 * before the order, with the preset's odds (otherwise no filter).
 */
public final class RealDegradation implements Degradation {
    private final DegradationPreset preset;

    public RealDegradation(DegradationPreset preset) {
        this.preset = preset;
    }

    /** The ranges in use. */
    public DegradationPreset preset() {
        return preset;
    }

    @Override
    public Raster degrade(Raster hr, int scale, SplittableRandom random) {
        int[] lowResolution = Degradation.lowResolutionSize(hr, scale);
        int width = lowResolution[0];
        int height = lowResolution[1];
        Raster out = preset.first().apply(hr, hr.width(), hr.height(), random);
        out = preset.second().apply(out, width, height, random);
        Kernel sinc = null;
        if (random.nextDouble() < preset.finalSincProbability()) {
            int size = RandomBlur.oddSide(preset.finalSincSizes(), random);
            sinc = SincKernel.of(size, new Range(Math.PI / 3, Math.PI).draw(random));
        }
        if (random.nextBoolean()) {
            out = resizeAndFilter(out, width, height, sinc, random);
            out = preset.finalJpeg().apply(out, random);
        } else {
            out = preset.finalJpeg().apply(out, random);
            out = resizeAndFilter(out, width, height, sinc, random);
        }
        return Samples.quantise(out);
    }

    private static Raster resizeAndFilter(Raster image, int width, int height, Kernel sinc, SplittableRandom random) {
        Raster out = Interpolation.draw(random).resize(image, width, height);
        return sinc == null ? out : sinc.apply(out);
    }

    @Override
    public boolean deterministic() {
        return false;
    }

    @Override
    public String name() {
        return preset.name();
    }
}
