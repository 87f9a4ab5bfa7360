package dev.attnvision.core.sr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/**
 * One whole image's feature map, float32 channels-last ({@code H x W x C}), for {@link TiledUpscaler}'s
 * block-by-block sweep: each tile reads its context window from the map of a step's input and writes its core into
 * the map of the step's output. What a tile gets is a {@code (1, C, h, w)} view of channels-last memory, the layout
 * the network runs fastest on. Kept in native memory ({@link InMemoryFeatureMap}) or, past the memory budget, in a
 * temporary file ({@link FileFeatureMap}).
 */
interface FeatureMap extends AutoCloseable {
    /** Bytes per map sample. */
    int SAMPLE_BYTES = Float.BYTES;

    /** The bytes of a map, for the memory budget. */
    static long bytes(int width, int height, int channels) {
        return (long) width * height * channels * SAMPLE_BYTES;
    }

    /** The tile's context window, {@code (1, C, contextHeight, contextWidth)}, owned by {@code scope}. */
    NDArray window(TileGrid.Tile tile, NDManager scope);

    /** Stores a tile's core, {@code (1, C, height, width)} (see {@link #coreOf}). */
    void write(TileGrid.Tile tile, NDArray core);

    /** The core of a tile from an output over its context window, upscaled by {@code scale}: a view. */
    static NDArray coreOf(TileGrid.Tile tile, NDArray output, int scale) {
        int top = (tile.y() - tile.contextY()) * scale;
        int left = (tile.x() - tile.contextX()) * scale;
        return output.get(new NDIndex(":, :, {}:{}, {}:{}", top, top + tile.height() * scale, left,
                left + tile.width() * scale));
    }

    @Override
    void close();
}
