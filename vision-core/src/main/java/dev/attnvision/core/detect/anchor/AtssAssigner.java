package dev.attnvision.core.detect.anchor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.attnvision.core.detect.box.BoxIou;
import java.util.Arrays;

/**
 * Adaptive training sample selection (ATSS; Zhang et al. 2020, "Bridging the Gap Between Anchor-based and
 * Anchor-free Detection", arXiv 1912.02424, Algorithm 1): for each ground-truth box, the anchors of the {@code k}
 * cell centres nearest its centre on every pyramid level are the candidates; their IoUs with the box give the
 * box's own threshold {@code t = mean + std}; candidates with {@code IoU >= t} whose centre lies inside the box
 * are positive. An anchor positive for several boxes takes the one it overlaps most; all others are negative, and
 * anchors covering an ignore region by more than {@code ignoreIof} of their area (IoF) are ignored. Unlike a fixed
 * 0.5 IoU, the threshold adapts to each object's size and shape, so small and elongated objects get positives too.
 *
 * <p>All steps are (G, N) array operations: the top-k per level is a distance threshold (the k-th smallest), which
 * keeps every anchor of a chosen cell, and cells exactly as near as the k-th too.
 */
public final class AtssAssigner implements AnchorAssigner {
    /** The paper's number of candidate locations per level. */
    public static final int DEFAULT_TOP_K = 9;

    private final long[] levelStarts;
    private final int candidatesPerLevel;
    private final float ignoreIof;

    /**
     * @param anchorsPerLevel the number of anchors of each level, in the anchors' order
     * @param anchorsPerCell the anchors sharing one centre
     * @param topK candidate cell centres per level
     * @param ignoreIof fraction of an anchor inside an ignore region from which it is ignored, in (0, 1]
     */
    public AtssAssigner(int[] anchorsPerLevel, int anchorsPerCell, int topK, float ignoreIof) {
        if (anchorsPerLevel.length == 0 || anchorsPerCell < 1 || topK < 1 || !(ignoreIof > 0 && ignoreIof <= 1)) {
            throw new IllegalArgumentException("ATSS needs levels, at least one anchor per cell and top-k, and an"
                    + " ignore IoF in (0, 1], got " + Arrays.toString(anchorsPerLevel) + ", " + anchorsPerCell + ", "
                    + topK + ", " + ignoreIof);
        }
        levelStarts = new long[anchorsPerLevel.length + 1];
        for (int l = 0; l < anchorsPerLevel.length; l++) {
            levelStarts[l + 1] = levelStarts[l] + anchorsPerLevel[l];
        }
        this.candidatesPerLevel = topK * anchorsPerCell;
        this.ignoreIof = ignoreIof;
    }

    /** The paper's ATSS (k = 9, ignore from IoF 0.5) for the anchors of {@code config} on an input of that size. */
    public static AtssAssigner of(AnchorConfig config, int height, int width) {
        return new AtssAssigner(new AnchorGenerator(config).anchorsPerLevel(height, width), config.anchorsPerCell(),
                DEFAULT_TOP_K, 0.5f);
    }

    @Override
    public Assignment assign(NDArray anchors, NDArray gtBoxes, NDArray ignoreRegions) {
        NDManager caller = anchors.getManager();
        long n = anchors.getShape().get(0);
        if (n != levelStarts[levelStarts.length - 1]) {
            throw new IllegalArgumentException("ATSS was made for " + levelStarts[levelStarts.length - 1]
                    + " anchors, got " + n);
        }
        long g = gtBoxes.getShape().get(0);
        try (NDManager scope = NDManager.subManagerOf(anchors)) {
            scope.tempAttachAll(anchors, gtBoxes);
            NDArray index = scope.full(new Shape(n), Assignment.NEGATIVE).toType(DataType.INT64, false);
            NDArray maxIou = scope.zeros(new Shape(n));
            NDArray positive = scope.zeros(new Shape(n)).gt(0f);
            if (g > 0) {
                NDArray overlaps = BoxIou.pairwise(gtBoxes, anchors);
                AnchorCentres centres = AnchorCentres.of(anchors);
                NDArray dx = centres.x().sub(gtBoxes.get(":, 0").add(gtBoxes.get(":, 2")).div(2).expandDims(1));
                NDArray dy = centres.y().sub(gtBoxes.get(":, 1").add(gtBoxes.get(":, 3")).div(2).expandDims(1));
                NDArray distance = dx.square().add(dy.square());
                NDList perLevel = new NDList();
                for (int l = 0; l + 1 < levelStarts.length; l++) {
                    NDArray level = distance.get(":, " + levelStarts[l] + ":" + levelStarts[l + 1]);
                    long k = Math.min(candidatesPerLevel, levelStarts[l + 1] - levelStarts[l]);
                    NDArray kth = level.sort(1).get(":, " + (k - 1)).expandDims(1);
                    perLevel.add(level.lte(kth));
                }
                NDArray candidate = NDArrays.concat(perLevel, 1);
                NDArray weight = candidate.toType(DataType.FLOAT32, false);
                NDArray count = weight.sum(new int[] {1}, true);
                NDArray mean = overlaps.mul(weight).sum(new int[] {1}, true).div(count);
                NDArray variance = overlaps.sub(mean).square().mul(weight).sum(new int[] {1}, true)
                        .div(count.sub(1).maximum(1));
                NDArray threshold = mean.add(variance.sqrt());
                NDArray chosen = candidate.logicalAnd(overlaps.gte(threshold)).logicalAnd(centres.inside(gtBoxes));
                NDArray scored = NDArrays.where(chosen, overlaps, scope.full(overlaps.getShape(), -1f));
                positive = scored.max(new int[] {0}).gte(0f);
                index = NDArrays.where(positive, scored.argMax(0).toType(DataType.INT64, false), index);
                maxIou = overlaps.max(new int[] {0});
            }
            index = AnchorCentres.ignore(scope, anchors, ignoreRegions, ignoreIof, positive, index);
            Assignment result = new Assignment(index, maxIou);
            index.attach(caller);
            maxIou.attach(caller);
            return result;
        }
    }
}
