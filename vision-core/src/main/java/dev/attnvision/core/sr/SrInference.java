package dev.attnvision.core.sr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.image.RasterTensors;

/**
 * Runs a super-resolution network on one image: RGB samples on 0..255 in, RGB out, rounded and clipped to 8 bits as
 * a saved image would be (the benchmark convention: metrics are computed on the 8-bit result). The network takes and
 * returns {@code NCHW} arrays; the input is handed over channels-last, viewed as {@code NCHW}.
 */
public final class SrInference {
    private SrInference() {}

    /** The network's output for {@code lr} (3-channel), computed in a sub-manager of {@code manager}. */
    public static Raster upscale(Block network, Raster lr, NDManager manager) {
        if (lr.channels() != 3) {
            throw new IllegalArgumentException("super-resolution needs an RGB image, got " + lr.channels() + " channels");
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray input = RasterTensors.toNchw(scope, lr);
            NDArray output = network.forward(new ParameterStore(scope, false), new NDList(input), false).singletonOrThrow();
            long[] shape = output.getShape().getShape();
            if (shape.length != 4 || shape[0] != 1 || shape[1] != 3) {
                throw new IllegalStateException("the network returned shape " + output.getShape() + ", expected (1, 3, H, W)");
            }
            return RasterTensors.fromNchw(output.clip(0, 255).round(), 8);
        }
    }
}
