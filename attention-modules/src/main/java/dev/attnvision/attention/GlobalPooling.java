package dev.attnvision.attention;

import ai.djl.ndarray.NDArray;

/**
 * Global pooling of (B, C, H, W) maps to (B, C) descriptors.
 *
 * <p>The PyTorch engine of DJL reduces one axis at a time, so H and W are merged first; that merge
 * is a view both for contiguous NCHW and for channels-last arrays, so no copy is made.
 */
final class GlobalPooling {

    private GlobalPooling() {}

    /**
     * Mean over H and W.
     *
     * @param x (B, C, H, W)
     * @return (B, C)
     */
    static NDArray average(NDArray x) {
        return flatten(x).mean(new int[] {2});
    }

    /**
     * Maximum over H and W.
     *
     * @param x (B, C, H, W)
     * @return (B, C)
     */
    static NDArray max(NDArray x) {
        return flatten(x).max(new int[] {2});
    }

    private static NDArray flatten(NDArray x) {
        return x.reshape(x.getShape().get(0), x.getShape().get(1), -1);
    }
}
