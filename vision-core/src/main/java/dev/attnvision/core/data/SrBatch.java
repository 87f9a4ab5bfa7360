package dev.attnvision.core.data;

/**
 * A batch of paired super-resolution patches as plain arrays, channels last ({@code NHWC}, RGB, 0..255): ready to be
 * wrapped as an NDArray of shape {@code (n, size, size, 3)} and viewed as {@code NCHW} with
 * {@code transpose(0, 3, 1, 2)} without a copy (the layout PyTorch's CPU convolutions run fastest on).
 *
 * @param size number of patch pairs
 * @param lrSize low-resolution patch side in pixels
 * @param hrSize high-resolution patch side ({@code lrSize * scale})
 * @param lr {@code size * lrSize * lrSize * 3} samples
 * @param hr {@code size * hrSize * hrSize * 3} samples
 */
public record SrBatch(int size, int lrSize, int hrSize, float[] lr, float[] hr) {
    public SrBatch {
        if (lr.length != size * lrSize * lrSize * 3 || hr.length != size * hrSize * hrSize * 3) {
            throw new IllegalArgumentException("batch arrays do not match " + size + " patches of " + lrSize + " / "
                    + hrSize + " pixels");
        }
    }
}
