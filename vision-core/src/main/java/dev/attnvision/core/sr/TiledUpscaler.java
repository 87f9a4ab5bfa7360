package dev.attnvision.core.sr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import dev.attnvision.attention.AttentionInAttentionBlock;
import dev.attnvision.attention.PooledContext;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.image.RasterTensors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A2N super-resolution of a photo of any size, tile by tile and exact: the result equals the whole-image pass up to
 * the engine's float rounding, in one pass, with the network's working memory set by the tile.
 *
 * <p>A2N's attention dropout modules weigh each block's two branches by its input's average over the whole image,
 * so tiles run through the whole network alone would each see their own statistics. Instead the image is swept
 * block by block: {@code conv_first} over all tiles, then each attention-in-attention block over all tiles, then
 * {@code trunk_conv}, then the upsampler. Each step reads its tiles' context windows from the whole-image map of
 * its input ({@link FeatureMap}) with only the context its own convolutions reach ({@link
 * AttentionInAttentionBlock#RADIUS}, {@link A2n#CONV_RADIUS}, {@link A2n#upsamplerRadius()}) and writes the cores
 * to the map of its output. While a block's output is written, the next block's pooled statistics are summed over
 * the cores ({@link AttentionInAttentionBlock#pooledSum}), so each block runs with the exact image-wide descriptor
 * ({@link PooledContext}) and no statistics pass is needed. The steps run in the tiling's {@link Precision} ({@link
 * A2nStages}). Two maps of the trunk's width are alive at once, a
 * step's input and output (the long skip recomputes {@code conv_first} instead of keeping its output), in memory
 * or, past {@link Tiling#maxMemory()}, in temporary files.
 *
 * <p>An image of one tile runs whole. The output is clipped to 0..255 and put into the caller's target tile by
 * tile ({@link Raster#putColour}): a target stored as integers holds the rounded result from the start, so no
 * float copy of the whole output exists.
 *
 * <p>Many instances, one per worker thread, share one network: each owns its NDManager and ParameterStore, and
 * every image's and tile's arrays live in sub-managers closed after them, so memory stays flat over thousands of
 * photos. The network's parameters must be frozen (as {@code StoredModel.load} leaves them) so no autograd history
 * is recorded.
 */
public final class TiledUpscaler implements RgbUpscaler {
    /**
     * The longest side of the upsampler's output tiles: its maps are at the output's size, so their memory would
     * otherwise grow with the scale and the tile (a 12 MP photo at x4 in tiles of 256 peaked at 3.2 GB, against
     * 1.7 with 128); 512 keeps the tiles of 128 that float32 runs at every scale.
     */
    private static final int MAX_OUTPUT_TILE = 512;

    /** A sweep after which no block's statistics are summed. */
    private static final int NONE = -1;

    private final A2n network;
    private final Tiling tiling;
    private final NDManager manager;
    private final ParameterStore parameters;
    private final A2nStages stages;

    /**
     * @param network an A2N, shared with other workers
     * @param tiling how images are cut and how much of their maps stays in memory
     */
    public TiledUpscaler(A2n network, Tiling tiling) {
        this.network = network;
        this.tiling = tiling;
        this.manager = NDManager.newBaseManager();
        this.parameters = new ParameterStore(manager, false);
        this.stages = tiling.precision().stages(network, parameters);
    }

    @Override
    public int scale() {
        return network.config().scale();
    }

    @Override
    public void upscale(Raster rgb, Raster target) {
        if (rgb.channels() != 3) {
            throw new IllegalArgumentException("super-resolution needs an RGB image, got " + rgb.channels() + " channels");
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray image = RasterTensors.toNchw(scope, rgb);
            if (tiling.wholeImage() || Math.max(rgb.width(), rgb.height()) <= tiling.maxTile()) {
                target.putColour(RasterTensors.fromNchw(stages.whole(image).clip(0, 255), 8), 0, 0);
            } else {
                new Sweep(image, rgb.width(), rgb.height(), target, scope).run();
            }
        }
    }

    /** One image's block-by-block pass. */
    private final class Sweep {
        private final NDArray image;
        private final int width;
        private final int height;
        private final Raster target;
        private final NDManager scope;

        Sweep(NDArray image, int width, int height, Raster target, NDManager scope) {
            this.image = image;
            this.width = width;
            this.height = height;
            this.target = target;
            this.scope = scope;
        }

        void run() {
            int blocks = network.config().blocks();
            int channels = network.config().features();
            try (FeatureMap even = newMap(channels); FeatureMap odd = newMap(channels)) {
                int side = tiling.maxTile();
                double[] sums = sweep(side, A2n.CONV_RADIUS, 0,
                        (tile, t) -> write(odd, tile, stages.head(imageWindow(tile, t))));
                FeatureMap input = odd;
                for (int i = 0; i < blocks; i++) {
                    int index = i;
                    float[] pooled = mean(sums);
                    FeatureMap source = input;
                    FeatureMap target = input == odd ? even : odd;
                    sums = sweep(side, AttentionInAttentionBlock.RADIUS, i + 1 < blocks ? i + 1 : NONE,
                            (tile, t) -> write(target, tile, stages.block(index, source.window(tile, t), pooled)));
                    input = target;
                }
                // the long skip recomputes conv_first (a 3-channel convolution, under 2% of a block) instead of
                // keeping a third map
                FeatureMap trunk = input;
                FeatureMap features = trunk == even ? odd : even;
                sweep(side, A2n.CONV_RADIUS, NONE, (tile, t) -> write(features, tile,
                        stages.features(trunk.window(tile, t), imageWindow(tile, t))));
                int scale = network.config().scale();
                // the upsampler's working memory grows with its output tile: keep that at most MAX_OUTPUT_TILE a side
                sweep(Math.max(Tiling.MIN_TILE, Math.min(side, MAX_OUTPUT_TILE / scale)), network.upsamplerRadius(),
                        NONE, (tile, t) -> {
                    NDArray output = stages.upsample(features.window(tile, t), imageWindow(tile, t));
                    NDArray core = FeatureMap.coreOf(tile, output, scale).clip(0, 255);
                    target.putColour(RasterTensors.fromNchw(core, 8), tile.x() * scale, tile.y() * scale);
                    return core;
                });
            }
        }

        /** A map of the image in memory, or in a temporary file if two would exceed the budget. */
        private FeatureMap newMap(int channels) {
            if (2 * FeatureMap.bytes(width, height, channels) <= tiling.maxMemory()) {
                return new InMemoryFeatureMap(scope, width, height, channels);
            }
            try {
                return new FileFeatureMap(Path.of(System.getProperty("java.io.tmpdir")), width, height, channels);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make a temporary file for the feature maps of a " + width + "x"
                        + height + " image in " + System.getProperty("java.io.tmpdir") + " (" + e.getMessage()
                        + "); raise --max-memory or free disk space there", e);
            }
        }

        /**
         * Runs {@code step} on every tile of at most {@code maxTile} pixels with {@code radius} pixels of context,
         * each in its own scope; returns the sums of block {@code next}'s pooled features over the cores the step
         * returned (null for {@link #NONE}).
         */
        private double[] sweep(int maxTile, int radius, int next, Step step) {
            double[] sums = next == NONE ? null : new double[network.config().features()];
            for (TileGrid.Tile tile : TileGrid.cover(width, height, maxTile, radius)) {
                try (NDManager t = scope.newSubManager()) {
                    NDArray core = step.apply(tile, t);
                    if (next != NONE) {
                        float[] sum = stages.pooledSum(next, core).toFloatArray();
                        for (int c = 0; c < sum.length; c++) {
                            sums[c] += sum[c];
                        }
                    }
                }
            }
            return sums;
        }

        private float[] mean(double[] sums) {
            float[] mean = new float[sums.length];
            double area = (double) width * height;
            for (int c = 0; c < sums.length; c++) {
                mean[c] = (float) (sums[c] / area);
            }
            return mean;
        }

        private NDArray imageWindow(TileGrid.Tile tile, NDManager t) {
            NDArray window = image.get(new NDIndex(":, :, {}:{}, {}:{}", tile.contextY(),
                    tile.contextY() + tile.contextHeight(), tile.contextX(), tile.contextX() + tile.contextWidth()));
            window.attach(t);
            return window;
        }

        private NDArray write(FeatureMap map, TileGrid.Tile tile, NDArray output) {
            NDArray core = FeatureMap.coreOf(tile, output, 1);
            map.write(tile, core);
            return core;
        }
    }

    /** One step of the sweep on one tile: returns the tile's output core. */
    private interface Step {
        NDArray apply(TileGrid.Tile tile, NDManager scope);
    }

    @Override
    public void close() {
        stages.close();
        manager.close();
    }
}
