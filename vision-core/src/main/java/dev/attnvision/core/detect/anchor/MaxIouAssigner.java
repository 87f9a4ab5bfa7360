package dev.attnvision.core.detect.anchor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.attnvision.core.detect.box.BoxIou;

/**
 * Labels anchors by their best IoU with the ground truth, as RetinaNet does (Lin et al. 2017, arXiv 1708.02002,
 * section 4: IoU >= 0.5 foreground, [0, 0.4) background, in between ignored).
 *
 * <p>Steps, all vectorised over the (G, N) IoU matrix: (1) every anchor starts ignored; (2) anchors whose best IoU
 * is below {@code negativeIou} become negative; (3) anchors whose best IoU reaches {@code positiveIou} take their
 * best box; (4) low-quality matches: each box whose best IoU is at least {@code minPositiveIou} (and above 0)
 * also claims every anchor reaching exactly that best IoU, so no box goes unmatched; when two boxes claim one
 * anchor the later box wins, as in mmdetection's loop. Anchors covering an ignore region by more than
 * {@code ignoreIof} of their own area (IoF) are kept out of steps 2 and 3 and so stay ignored unless step 4
 * claims them. Without ground truth every anchor is negative.
 */
public final class MaxIouAssigner implements AnchorAssigner {
    private final float positiveIou;
    private final float negativeIou;
    private final float minPositiveIou;
    private final boolean lowQualityMatches;
    private final float ignoreIof;

    /**
     * @param positiveIou IoU from which an anchor is foreground, in (0, 1]
     * @param negativeIou IoU below which an anchor is background, in [0, positiveIou]
     * @param minPositiveIou smallest best IoU for which a box claims its best anchors in step 4
     * @param lowQualityMatches whether step 4 runs
     * @param ignoreIof fraction of an anchor inside an ignore region from which it is ignored, in (0, 1]
     */
    public MaxIouAssigner(float positiveIou, float negativeIou, float minPositiveIou, boolean lowQualityMatches,
            float ignoreIof) {
        if (!(positiveIou > 0 && positiveIou <= 1) || !(negativeIou >= 0 && negativeIou <= positiveIou)) {
            throw new IllegalArgumentException("need 0 <= negativeIou <= positiveIou <= 1 and positiveIou > 0, got "
                    + "negativeIou " + negativeIou + ", positiveIou " + positiveIou);
        }
        if (!(minPositiveIou >= 0 && minPositiveIou <= 1) || !(ignoreIof > 0 && ignoreIof <= 1)) {
            throw new IllegalArgumentException("minPositiveIou must be in [0, 1] and ignoreIof in (0, 1], got "
                    + minPositiveIou + " and " + ignoreIof);
        }
        this.positiveIou = positiveIou;
        this.negativeIou = negativeIou;
        this.minPositiveIou = minPositiveIou;
        this.lowQualityMatches = lowQualityMatches;
        this.ignoreIof = ignoreIof;
    }

    /** RetinaNet's foreground IoU. */
    public static final float RETINANET_POSITIVE_IOU = 0.5f;

    /** RetinaNet's setting: 0.5 / 0.4, low-quality matches on any positive IoU, ignore from IoF 0.5. */
    public static MaxIouAssigner retinaNet() {
        return new MaxIouAssigner(RETINANET_POSITIVE_IOU, 0.4f, 0f, true, 0.5f);
    }

    /** Assigns anchors (N, 4) to ground-truth boxes (G, 4), without ignore regions. */
    public Assignment assign(NDArray anchors, NDArray gtBoxes) {
        return assign(anchors, gtBoxes, null);
    }

    @Override
    public Assignment assign(NDArray anchors, NDArray gtBoxes, NDArray ignoreRegions) {
        NDManager caller = anchors.getManager();
        long n = anchors.getShape().get(0);
        long g = gtBoxes.getShape().get(0);
        try (NDManager scope = NDManager.subManagerOf(anchors)) {
            scope.tempAttachAll(anchors, gtBoxes);
            NDArray overlaps = g == 0 ? scope.zeros(new Shape(1, n)) : BoxIou.pairwise(gtBoxes, anchors);
            NDArray maxIou = overlaps.max(new int[] {0});
            NDArray best = overlaps.argMax(0).toType(DataType.INT64, false);
            NDArray eligible = maxIou;
            if (ignoreRegions != null && ignoreRegions.getShape().get(0) > 0) {
                scope.tempAttachAll(ignoreRegions);
                NDArray inIgnore = BoxIou.pairwiseForeground(anchors, ignoreRegions).max(new int[] {1}).gt(ignoreIof);
                eligible = NDArrays.where(inIgnore, scope.full(maxIou.getShape(), -1f), maxIou);
            }
            NDArray index = scope.full(new Shape(n), Assignment.IGNORED).toType(DataType.INT64, false);
            NDArray negative = eligible.gte(0f).logicalAnd(eligible.lt(negativeIou));
            index = NDArrays.where(negative, scope.full(new Shape(n), Assignment.NEGATIVE)
                    .toType(DataType.INT64, false), index);
            if (g > 0) {
                index = NDArrays.where(eligible.gte(positiveIou), best, index);
                if (lowQualityMatches) {
                    index = claimBestAnchors(scope, overlaps, index);
                }
            }
            Assignment result = new Assignment(index, maxIou);
            index.attach(caller);
            maxIou.attach(caller);
            return result;
        }
    }

    /** Step 4: for each box, the anchors at its best IoU take it; the highest box index wins. */
    private NDArray claimBestAnchors(NDManager scope, NDArray overlaps, NDArray index) {
        long g = overlaps.getShape().get(0);
        NDArray gtBest = overlaps.max(new int[] {1}, true);
        NDArray boxClaims = gtBest.gte(minPositiveIou).logicalAnd(gtBest.gt(0f));
        NDArray claims = overlaps.eq(gtBest).logicalAnd(boxClaims);
        NDArray rank = scope.arange(1, g + 1).toType(DataType.INT64, false).reshape(g, 1);
        NDArray lastClaim = claims.toType(DataType.INT64, false).mul(rank).max(new int[] {0});
        return NDArrays.where(lastClaim.gt(0), lastClaim.sub(1), index);
    }
}
