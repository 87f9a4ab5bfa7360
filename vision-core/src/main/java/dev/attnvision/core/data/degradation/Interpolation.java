package dev.attnvision.core.data.degradation;

import dev.attnvision.core.image.Raster;
import java.util.random.RandomGenerator;
import org.opencv.imgproc.Imgproc;

/**
 * The resampling kernels of the random resizes, drawn with equal probability as in Real-ESRGAN: area averaging,
 * bilinear and bicubic (OpenCV's {@code INTER_AREA}, {@code INTER_LINEAR}, {@code INTER_CUBIC}; only area averaging
 * low-passes when it shrinks, so the other two alias as naive resizers do).
 */
public enum Interpolation {
    AREA(Imgproc.INTER_AREA),
    BILINEAR(Imgproc.INTER_LINEAR),
    BICUBIC(Imgproc.INTER_CUBIC);

    private final int flag;

    Interpolation(int flag) {
        this.flag = flag;
    }

    /** One of the three, uniformly. */
    public static Interpolation draw(RandomGenerator random) {
        return values()[random.nextInt(values().length)];
    }

    /** {@code image} resampled to {@code width x height}; samples are not clamped. */
    public Raster resize(Raster image, int width, int height) {
        if (width == image.width() && height == image.height()) {
            return image;
        }
        return FloatMats.resize(image, width, height, flag);
    }
}
