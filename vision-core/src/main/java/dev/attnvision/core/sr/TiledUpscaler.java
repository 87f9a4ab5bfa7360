package dev.attnvision.core.sr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.attnvision.attention.AttentionProbe;
import dev.attnvision.attention.PooledContext;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.image.RasterTensors;
import java.util.List;

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
 * <p>Networks that pool over the whole input (A2N's attention dropout modules average each block's features over the
 * image to weigh its two branches) would see each tile's statistics instead of the image's, and tiles would differ
 * by several grey levels at their borders. So an image of more than one tile runs twice: a statistics pass on
 * larger tiles without context collects the image-wide pooled descriptors ({@link ImageStatistics}), and the tile
 * pass uses them in every tile ({@link PooledContext}): all tiles share one set of branch weights, so no seams.
 * The statistics pass costs about one more forward pass; a network without global pooling skips it after its first
 * tile, and an image the statistics pass would cover in one tile runs whole in one pass (exact, and memory is still
 * set by the tile size).
 */
public final class TiledUpscaler implements RgbUpscaler {
    /**
     * The statistics pass runs on tiles this many times the tile side: few tiles, so the blocks' statistics upstream of
     * each pooling are close to the image's (see {@code TiledUpscalerTest}), with memory still set by the tile.
     */
    static final int STATISTICS_TILE_FACTOR = 4;

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
        int longest = Math.max(rgb.width(), rgb.height());
        // an image the statistics pass would cover in one tile runs whole: that pass would be the whole-image pass
        int maxTile = tiling.wholeImage() || longest <= statisticsTile(tiling.maxTile()) ? longest : tiling.maxTile();
        Raster out = new Raster(rgb.width() * scale, rgb.height() * scale, 3, rgb.bitDepth(),
                new float[Math.multiplyExact(Math.multiplyExact(rgb.width() * scale, rgb.height() * scale), 3)]);
        List<TileGrid.Tile> tiles = TileGrid.cover(rgb.width(), rgb.height(), maxTile, tiling.pad());
        PairList<String, Object> params = tiles.size() > 1 ? imageStatistics(rgb, maxTile) : null;
        for (TileGrid.Tile tile : tiles) {
            Raster context = rgb.region(tile.contextX(), tile.contextY(), tile.contextWidth(), tile.contextHeight());
            try (NDManager scope = manager.newSubManager()) {
                NDArray output = SrInference.forward(network, parameters, RasterTensors.toNchw(scope, context), params);
                int top = (tile.y() - tile.contextY()) * scale;
                int left = (tile.x() - tile.contextX()) * scale;
                NDArray core = output.get(new NDIndex(":, :, {}:{}, {}:{}", top, top + tile.height() * scale,
                        left, left + tile.width() * scale));
                out.put(RasterTensors.fromNchw(core, rgb.bitDepth()), tile.x() * scale, tile.y() * scale);
            }
        }
        return out;
    }

    /**
     * The first pass: the network (for an A2N, its trunk alone, where every global pooling is) over tiles without
     * context, {@value #STATISTICS_TILE_FACTOR} times the tile side,
     * that partition the image, collecting the image-wide means of its global poolings; null if it has none.
     */
    private PairList<String, Object> imageStatistics(Raster rgb, int maxTile) {
        ImageStatistics statistics = new ImageStatistics();
        PairList<String, Object> probe = AttentionProbe.params(statistics);
        for (TileGrid.Tile tile : TileGrid.cover(rgb.width(), rgb.height(), statisticsTile(maxTile), 0)) {
            statistics.startTile((long) tile.width() * tile.height());
            try (NDManager scope = manager.newSubManager()) {
                Raster part = rgb.region(tile.x(), tile.y(), tile.width(), tile.height());
                NDArray input = RasterTensors.toNchw(scope, part);
                if (network instanceof A2n a2n) {
                    a2n.runTrunk(parameters, input, probe);
                } else {
                    SrInference.forward(network, parameters, input, probe);
                }
            }
            if (!statistics.any()) {
                return null;
            }
        }
        PairList<String, Object> params = new PairList<>();
        params.add(PooledContext.PARAM_KEY, statistics.context());
        return params;
    }

    private static int statisticsTile(int maxTile) {
        return (int) Math.min(Integer.MAX_VALUE, (long) STATISTICS_TILE_FACTOR * maxTile);
    }

    @Override
    public void close() {
        manager.close();
    }
}
