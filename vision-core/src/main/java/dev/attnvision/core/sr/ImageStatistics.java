package dev.attnvision.core.sr;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import dev.attnvision.attention.AttentionInAttentionBlock;
import dev.attnvision.attention.AttentionProbe;
import dev.attnvision.attention.PooledContext;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Collects, over the tiles of one image, the area-weighted mean of every global pooling in a network (the pooled
 * descriptors of A2N's attention dropout modules), as the probe of each tile's forward pass: the image-wide
 * statistics a whole-image pass would compute, for {@link TiledUpscaler}'s second pass to share between tiles.
 * Not thread safe: one per image.
 */
final class ImageStatistics implements AttentionProbe {
    private final Map<Block, double[]> sums = new IdentityHashMap<>();
    private long area;
    private long tileArea;

    /** Starts a tile of {@code pixels} input pixels; its descriptors weigh in by that area. */
    void startTile(long pixels) {
        tileArea = pixels;
        area += pixels;
    }

    @Override
    public void record(Block source, String kind, NDArray map) {
        if (!kind.equals(AttentionInAttentionBlock.PROBE_POOLED)) {
            return;
        }
        float[] values = map.toFloatArray();
        double[] sum = sums.computeIfAbsent(source, b -> new double[values.length]);
        for (int i = 0; i < values.length; i++) {
            sum[i] += values[i] * (double) tileArea;
        }
    }

    /** Whether the network pooled anything globally. */
    boolean any() {
        return !sums.isEmpty();
    }

    /** The image-wide descriptors, for the tiles' forward passes. */
    PooledContext context() {
        Map<Block, float[]> means = new IdentityHashMap<>();
        sums.forEach((block, sum) -> {
            float[] mean = new float[sum.length];
            for (int i = 0; i < sum.length; i++) {
                mean[i] = (float) (sum[i] / area);
            }
            means.put(block, mean);
        });
        return new PooledContext(means);
    }
}
