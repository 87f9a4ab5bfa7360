package dev.attnvision.core.sr;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The two fixed resamplings of A2N, on NCHW arrays whose memory is channels-last (an NHWC buffer viewed as NCHW
 * through {@code transpose(0, 3, 1, 2)}); both return arrays laid out the same way, so the convolutions around them
 * keep running on channels-last data.
 */
public final class Upsampling {
    private Upsampling() {}

    /**
     * Nearest-neighbour upsampling by an integer factor, {@code out[n, c, y, x] = in[n, c, y / s, x / s]} (PyTorch's
     * {@code F.interpolate(mode='nearest', scale_factor=s)}): the NHWC view is broadcast to
     * {@code (N, H, s, W, s, C)} and collapsed to {@code (N, sH, sW, C)}.
     */
    public static NDArray nearest(NDArray nchw, int factor) {
        Shape s = nchw.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        return nchw.transpose(0, 2, 3, 1)
                .reshape(n, h, 1, w, 1, c)
                .broadcast(n, h, factor, w, factor, c)
                .reshape(n, h * factor, w * factor, c)
                .transpose(0, 3, 1, 2);
    }

    /**
     * Bilinear upsampling by an integer factor with {@code align_corners=False} (PyTorch's
     * {@code F.interpolate(mode='bilinear', align_corners=False)}): output pixel {@code i} samples the input at
     * {@code (i + 0.5) / s - 0.5}, clamped to the border.
     */
    public static NDArray bilinear(NDArray nchw, int factor) {
        Shape s = nchw.getShape();
        NDArray nhwc = nchw.transpose(0, 2, 3, 1);
        return NDImageUtils.resize(nhwc, (int) (s.get(3) * factor), (int) (s.get(2) * factor),
                        Image.Interpolation.BILINEAR)
                .transpose(0, 3, 1, 2);
    }
}
