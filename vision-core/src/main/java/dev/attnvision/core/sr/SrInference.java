package dev.attnvision.core.sr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.image.RasterTensors;

/**
 * Runs a super-resolution network: RGB samples on 0..255 in, RGB out, clipped to 0..255. The network takes and
 * returns {@code NCHW} arrays; the input is handed over channels-last, viewed as {@code NCHW}.
 */
public final class SrInference {
    private SrInference() {}

    /**
     * The network's output for an image, clipped to 0..255, in the image's manager.
     *
     * @param image {@code (1, 3, H, W)} on 0..255, channels-last for speed
     * @return {@code (1, 3, sH, sW)}
     */
    public static NDArray forward(Block network, ParameterStore parameters, NDArray image) {
        return forward(network, parameters, image, null);
    }

    /** {@link #forward(Block, ParameterStore, NDArray)} with forward-call params (a probe, a pooled context). */
    public static NDArray forward(Block network, ParameterStore parameters, NDArray image,
            PairList<String, Object> params) {
        NDArray output = network.forward(parameters, new NDList(image), false, params).singletonOrThrow();
        long[] shape = output.getShape().getShape();
        if (shape.length != 4 || shape[0] != 1 || shape[1] != 3) {
            throw new IllegalStateException("the network returned shape " + output.getShape() + ", expected (1, 3, H, W)");
        }
        return output.clip(0, 255);
    }

    /**
     * The network's output for {@code lr} (3-channel, whole image at once), rounded to 8 bits as a saved image would
     * be (the benchmark convention: metrics are computed on the 8-bit result), computed in a sub-manager of
     * {@code manager}.
     */
    public static Raster upscale(Block network, Raster lr, NDManager manager) {
        if (lr.channels() != 3) {
            throw new IllegalArgumentException("super-resolution needs an RGB image, got " + lr.channels() + " channels");
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray output = forward(network, new ParameterStore(scope, false), RasterTensors.toNchw(scope, lr));
            return RasterTensors.fromNchw(output.round(), 8);
        }
    }
}
