package dev.attnvision.core.sr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.image.RasterTensors;

/**
 * Super-resolution by a loaded network, tile by tile, so that a photo of any size runs in memory set by the tile
 * (Real-ESRGAN's tile mode): the image is cut by {@link TileGrid}, each tile runs with its context window and only
 * its core, scaled, is kept. The output is clipped to 0..255 and keeps the input's bit depth (a 16-bit image keeps
 * its fractional samples; rounding happens when it is written).
 *
 * <p>Many instances, one per worker thread, share one network: each owns its NDManager and ParameterStore, and
 * every tile's arrays live in a sub-manager closed after the tile, so memory stays flat over thousands of photos.
 * The network's parameters must be frozen (as {@code StoredModel.load} leaves them) so no autograd history is
 * recorded.
 *
 * <p>Networks with global statistics (A2N's attention dropout module averages each block's features over the whole
 * input) see tile-wide statistics instead; {@code TiledUpscalerTest} measures the effect.
 */
public final class TiledUpscaler implements RgbUpscaler {
    private final Block network;
    private final int scale;
    private final Tiling tiling;
    private final NDManager manager;
    private final ParameterStore parameters;

    /**
     * @param network a fully convolutional super-resolution network, shared with other workers
     * @param scale the factor it upscales by
     * @param tiling how images are cut
     */
    public TiledUpscaler(Block network, int scale, Tiling tiling) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be at least 1, got " + scale);
        }
        this.network = network;
        this.scale = scale;
        this.tiling = tiling;
        this.manager = NDManager.newBaseManager();
        this.parameters = new ParameterStore(manager, false);
    }

    @Override
    public Raster upscale(Raster rgb) {
        if (rgb.channels() != 3) {
            throw new IllegalArgumentException("super-resolution needs an RGB image, got " + rgb.channels() + " channels");
        }
        int maxTile = tiling.wholeImage() ? Math.max(rgb.width(), rgb.height()) : tiling.maxTile();
        Raster out = new Raster(rgb.width() * scale, rgb.height() * scale, 3, rgb.bitDepth(),
                new float[Math.multiplyExact(Math.multiplyExact(rgb.width() * scale, rgb.height() * scale), 3)]);
        for (TileGrid.Tile tile : TileGrid.cover(rgb.width(), rgb.height(), maxTile, tiling.pad())) {
            Raster context = rgb.region(tile.contextX(), tile.contextY(), tile.contextWidth(), tile.contextHeight());
            try (NDManager scope = manager.newSubManager()) {
                NDArray output = SrInference.forward(network, parameters, RasterTensors.toNchw(scope, context));
                int top = (tile.y() - tile.contextY()) * scale;
                int left = (tile.x() - tile.contextX()) * scale;
                NDArray core = output.get(new NDIndex(":, :, {}:{}, {}:{}", top, top + tile.height() * scale,
                        left, left + tile.width() * scale));
                out.put(RasterTensors.fromNchw(core, rgb.bitDepth()), tile.x() * scale, tile.y() * scale);
            }
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
