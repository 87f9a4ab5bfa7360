package dev.attnvision.core.data.degradation;

import dev.attnvision.core.image.Raster;
import java.util.SplittableRandom;

/**
 * A first-order degradation of an ordinary photo, the classical model {@code y = JPEG(resize(x * k) + n)}
 * (Real-ESRGAN's "classical degradation model", arXiv:2107.10833, section 3.1): a random blur of the high-resolution
 * image, a resize straight to the low-resolution size {@code (w/scale, h/scale)} with a random {@link Interpolation}
 * (area, bilinear or bicubic), Gaussian noise, one JPEG compression; finally rounded to 8 bits. Unlike {@link
 * RealDegradation} there is no second stage and no ringing filter: a photo taken, shrunk and saved once.
 *
 * <p>{@link #PHOTO} has the ranges of the held-out photo test that the real-photo upscaling issue describes
 * (isotropic Gaussian blur σ 0.2-2, noise σ 1-10 grey levels, JPEG quality 40-90), so that anyone can score a model
 * on inputs of that kind.
 *
 * @param name the name users give ({@code --degradation NAME})
 * @param blur the blur of the high-resolution image
 * @param noise the noise added after the resize
 * @param jpeg the compression
 */
public record PhotoDegradation(String name, RandomBlur blur, GaussianNoise noise, JpegCompression jpeg)
        implements Degradation {
    /** Isotropic Gaussian blur σ 0.2-2 (kernels of 7-21 pixels), colour Gaussian noise σ 1-10, JPEG 40-90. */
    public static final PhotoDegradation PHOTO = new PhotoDegradation("photo",
            new RandomBlur(new Range(7, 21), new double[] {1, 0, 0, 0, 0, 0}, new Range(0.2, 2), new Range(0.5, 4),
                    new Range(1, 2), 0),
            new GaussianNoise(new Range(1, 10), 0), new JpegCompression(new Range(40, 90)));

    @Override
    public Raster degrade(Raster hr, int scale, SplittableRandom random) {
        int[] size = Degradation.lowResolutionSize(hr, scale);
        Raster out = blur.apply(hr, random);
        out = Interpolation.draw(random).resize(out, size[0], size[1]);
        out = noise.apply(out, random);
        return Samples.quantise(jpeg.apply(out, random));
    }

    @Override
    public boolean deterministic() {
        return false;
    }
}
