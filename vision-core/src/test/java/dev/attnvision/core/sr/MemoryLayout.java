package dev.attnvision.core.sr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Tells how an NCHW array is laid out in memory, which DJL does not expose: the NHWC permutation of a channels-last
 * array is contiguous, so flattening it is a view sharing its memory, and an in-place change of that view shows in
 * the array; for NCHW-contiguous memory the flattening is a copy and the array stays unchanged.
 */
final class MemoryLayout {
    private MemoryLayout() {}

    /** Whether {@code nchw} (with more than one channel and pixel) is stored channels-last; leaves it unchanged. */
    static boolean isChannelsLast(NDArray nchw) {
        try (NDManager scope = nchw.getManager().newSubManager()) {
            nchw.tempAttach(scope);
            NDArray before = nchw.duplicate();
            NDArray flat = nchw.transpose(0, 2, 3, 1).reshape(-1);
            flat.addi(1f);
            boolean shared = !nchw.contentEquals(before);
            flat.subi(1f);
            return shared;
        }
    }
}
