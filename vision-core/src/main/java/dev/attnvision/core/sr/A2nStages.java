package dev.attnvision.core.sr;

import ai.djl.ndarray.NDArray;

/**
 * The steps of an A2N forward pass that {@link TiledUpscaler} runs tile by tile, in one numeric precision. Arrays go
 * in and come out as float32 NCHW (channels-last in memory); results are attached to the manager of the step's
 * first input. One instance per worker thread.
 */
interface A2nStages extends AutoCloseable {
    /** The whole network on an image (1, 3, H, W) on 0..255: (1, 3, sH, sW), not clipped. */
    NDArray whole(NDArray image);

    /** {@code conv_first} of an image window: the trunk's input. */
    NDArray head(NDArray image);

    /**
     * Trunk block {@code index} on a window of its input, with the image-wide average {@code pooled} of its
     * attention dropout module's features ({@code AttentionInAttentionBlock#pooledSum} over the image, divided by
     * its area).
     */
    NDArray block(int index, NDArray input, float[] pooled);

    /**
     * Block {@code index}'s pooled features summed over the pixels of {@code core}, a part of its input: {@code
     * sum_hw(lrelu(conv_first(core)))}, (1, C). Summed over the parts of an image and divided by its area, the
     * {@code pooled} that {@link #block} takes.
     */
    NDArray pooledSum(int index, NDArray core);

    /** {@code trunk_conv(trunk) + conv_first(image)} on windows of the trunk's output and of the image. */
    NDArray features(NDArray trunk, NDArray image);

    /** The upsampler, {@code conv_last} and the bilinear skip, on windows of the features and of the image. */
    NDArray upsample(NDArray features, NDArray image);

    @Override
    void close();
}
