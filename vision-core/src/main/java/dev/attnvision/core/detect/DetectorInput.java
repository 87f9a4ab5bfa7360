package dev.attnvision.core.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * How images enter a {@link SingleStageDetector}, in training and inference alike: RGB samples on 0..255 divided by
 * 255, channels-last in memory and viewed as {@code NCHW}.
 */
public final class DetectorInput {
    private DetectorInput() {}

    /** {@code count} images of {@code height x width} RGB samples, interleaved ({@code NHWC}), as network input. */
    public static NDArray fromNhwc(NDManager manager, float[] samples, int count, int height, int width) {
        return manager.create(samples, new Shape(count, height, width, 3)).divi(255f).transpose(0, 3, 1, 2);
    }
}
