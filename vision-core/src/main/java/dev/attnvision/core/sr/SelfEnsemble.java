package dev.attnvision.core.sr;

import dev.attnvision.core.image.Dihedral;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.image.RasterSamples;

/**
 * Geometric self-ensemble, test-time augmentation for super-resolution (Timofte, Rothe and Van Gool 2016, "Seven
 * ways to improve example-based single image super resolution"; used by EDSR+, Lim et al. 2017):
 * {@code y = 1/8 sum_T T^-1(f(T(x)))} over the eight flips and quarter turns {@link Dihedral} T. A network's errors
 * differ between orientations while the picture does not, so the mean has less noise and fewer artefacts than any
 * one pass, at eight times the time.
 *
 * <p>Each pass is rounded to the target's depth, as a saved image would be, and summed exactly in integers, so the
 * mean is rounded once and the extra memory is an {@code int} per output sample and one pass's image.
 */
public final class SelfEnsemble implements RgbUpscaler {
    private static final int TRANSFORMS = Dihedral.values().length;

    private final RgbUpscaler upscaler;

    /** @param upscaler the method each orientation is upscaled by, closed with this one */
    public SelfEnsemble(RgbUpscaler upscaler) {
        this.upscaler = upscaler;
    }

    @Override
    public int scale() {
        return upscaler.scale();
    }

    @Override
    public void upscale(Raster rgb, Raster target) {
        int scale = scale();
        int width = rgb.width() * scale;
        int height = rgb.height() * scale;
        int steps = target.bitDepth() == 16 ? 257 : 1; // the depth's integer steps per grey level
        int[] sum = new int[Math.multiplyExact(width * 3, height)];
        // one buffer serves every pass, turned or not (a new one per pass would leave up to eight to the collector)
        RasterSamples passSamples = RasterSamples.atDepth(target.bitDepth(), sum.length);
        for (Dihedral transform : Dihedral.values()) {
            Raster input = transform == Dihedral.IDENTITY ? rgb : transform.apply(rgb);
            Raster pass = new Raster(input.width() * scale, input.height() * scale, 3, target.bitDepth(), passSamples);
            upscaler.upscale(input, pass);
            RasterSamples samples = pass.samples();
            transform.inverse().movePixels(pass.width(), pass.height(), (from, to) -> {
                for (int c = 0; c < 3; c++) {
                    sum[to * 3 + c] += Math.round(samples.get(from * 3 + c) * steps);
                }
            });
        }
        Raster mean = target.channels() == 3 ? target : Raster.atDepth(width, height, 3, target.bitDepth());
        for (int i = 0; i < sum.length; i++) {
            mean.samples().set(i, sum[i] / (float) (TRANSFORMS * steps));
        }
        if (mean != target) {
            target.putColour(mean, 0, 0);
        }
    }

    @Override
    public void close() {
        upscaler.close();
    }
}
