package dev.attnvision.core.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.attnvision.core.image.Raster;

/**
 * How images enter a {@link SingleStageDetector}, the same in training and inference: RGB samples on 0..255
 * divided by 255, copied channels-last and viewed as (N, 3, H, W) (channels-last convolutions run about 4x faster
 * here).
 */
public final class DetectorInput {
    private DetectorInput() {}

    /** The network input for a 3-channel canvas, attached to {@code manager}. */
    public static NDArray of(NDManager manager, Raster rgbCanvas) {
        if (rgbCanvas.channels() != 3) {
            throw new IllegalArgumentException("the detector needs an RGB image, got " + rgbCanvas.channels()
                    + " channels");
        }
        return fromNhwc(manager, rgbCanvas.data(), 1, rgbCanvas.height(), rgbCanvas.width());
    }

    /** {@code count} images of {@code height x width} RGB samples, interleaved ({@code NHWC}): a training batch. */
    public static NDArray fromNhwc(NDManager manager, float[] samples, int count, int height, int width) {
        return manager.create(samples, new Shape(count, height, width, 3)).divi(255f).transpose(0, 3, 1, 2);
    }
}
