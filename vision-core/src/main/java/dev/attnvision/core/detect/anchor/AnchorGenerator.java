package dev.attnvision.core.detect.anchor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Dense anchors for every level of a feature pyramid, as in RetinaNet (Lin et al. 2017, arXiv 1708.02002).
 *
 * <p>A level of stride {@code s} on an {@code H x W} input has a {@code ceil(H/s) x ceil(W/s)} grid (the size
 * a chain of stride-2, padding-1, 3x3 convolutions yields). Rows of the result are {@code (x1, y1, x2, y2)} in
 * input pixels, ordered level-major, then cell (row-major), then anchor (ratio-major, then scale), which is the
 * order a head's outputs are flattened in. Deviation from mmdetection: anchors are centred on the cell centre
 * {@code (j + 0.5) s} rather than its corner {@code j s}.
 */
public final class AnchorGenerator {
    private final AnchorConfig config;

    public AnchorGenerator(AnchorConfig config) {
        this.config = config;
    }

    public AnchorConfig config() {
        return config;
    }

    /** Grid rows and columns of level {@code level} for an input of {@code height x width} pixels. */
    public int[] gridSize(int level, int height, int width) {
        int stride = config.strides().get(level);
        return new int[] {ceilDiv(height, stride), ceilDiv(width, stride)};
    }

    /** Number of anchors of each level for an input of {@code height x width} pixels. */
    public int[] anchorsPerLevel(int height, int width) {
        int[] counts = new int[config.levels()];
        for (int level = 0; level < counts.length; level++) {
            int[] grid = gridSize(level, height, width);
            counts[level] = grid[0] * grid[1] * config.anchorsPerCell();
        }
        return counts;
    }

    /** All anchors for an input of {@code height x width} pixels: (sum over levels of cells x anchors, 4) float32. */
    public NDArray generate(NDManager manager, int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("input size must be positive, got " + width + "x" + height);
        }
        try (NDManager scope = manager.newSubManager()) {
            NDList levels = new NDList();
            for (int level = 0; level < config.levels(); level++) {
                levels.add(levelAnchors(scope, level, height, width));
            }
            NDArray all = NDArrays.concat(levels, 0);
            all.attach(manager);
            return all;
        }
    }

    private NDArray levelAnchors(NDManager scope, int level, int height, int width) {
        int[] grid = gridSize(level, height, width);
        float stride = config.strides().get(level);
        NDArray xs = scope.arange(grid[1]).toType(DataType.FLOAT32, false).add(0.5f).mul(stride);
        NDArray ys = scope.arange(grid[0]).toType(DataType.FLOAT32, false).add(0.5f).mul(stride);
        Shape cells = new Shape(grid[0], grid[1]);
        NDArray cx = xs.reshape(1, grid[1]).broadcast(cells).reshape(-1);
        NDArray cy = ys.reshape(grid[0], 1).broadcast(cells).reshape(-1);
        NDArray shifts = NDArrays.stack(new NDList(cx, cy, cx, cy), 1).expandDims(1);
        NDArray base = scope.create(baseAnchors(level), new Shape(config.anchorsPerCell(), 4)).expandDims(0);
        return shifts.add(base).reshape(-1, 4);
    }

    /** The anchors of one cell centred on the origin, ratio-major then scale. */
    private float[] baseAnchors(int level) {
        float base = config.baseSizes().get(level);
        float[] out = new float[config.anchorsPerCell() * 4];
        int k = 0;
        for (float ratio : config.ratios()) {
            double hRatio = Math.sqrt(ratio);
            for (float scale : config.scales()) {
                float halfW = (float) (base * scale / hRatio / 2);
                float halfH = (float) (base * scale * hRatio / 2);
                out[k++] = -halfW;
                out[k++] = -halfH;
                out[k++] = halfW;
                out[k++] = halfH;
            }
        }
        return out;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
