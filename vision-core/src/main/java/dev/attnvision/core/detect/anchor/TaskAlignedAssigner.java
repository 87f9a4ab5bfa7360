package dev.attnvision.core.detect.anchor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.attnvision.core.detect.box.BoxIou;

/**
 * Task-aligned sample assignment (TOOD; Feng, Zhong, Gao, Scott, Huang 2021, "TOOD: Task-aligned One-stage Object
 * Detection", arXiv 2108.07755, section 3.2): anchors are chosen by how well the network already does both tasks
 * there, so that the anchor that classifies an object best is also the one that places its box best.
 *
 * <p>For a ground-truth box g of class c and an anchor n with predicted probability {@code s} of class c and
 * predicted box IoU {@code u} with g, the alignment is {@code t = s^alpha u^beta}. Among the anchors whose centre
 * lies inside g, the {@code topK} of largest {@code t} (equal ones ordered by the anchor's own IoU) are positive
 * for g; an anchor positive for several boxes
 * takes the one its predicted box overlaps most; all others are negative, and anchors covering an ignore region
 * by more than {@code ignoreIof} of their area are ignored. Each positive's soft target is
 * {@code t_hat = t u_max / t_max}, with {@code t_max} and {@code u_max} the largest alignment and IoU among g's
 * positives: the classification target of a quality-aware loss and the weight of the box loss.
 *
 * <p>Early in training the predictions say little, so TOOD starts with ATSS: {@link #assign(NDArray, NDArray,
 * NDArray)}, without predictions, is {@link AtssAssigner}'s.
 */
public final class TaskAlignedAssigner implements AnchorAssigner {
    /** The paper's number of positives per object, and its exponents of score and IoU. */
    public static final int DEFAULT_TOP_K = 13;
    private static final float DEFAULT_ALPHA = 1f;
    private static final float DEFAULT_BETA = 6f;
    private static final float EPS = 1e-9f;
    /** Orders anchors of equal alignment (all 0 when no predicted box overlaps) by their own IoU with the box. */
    private static final float TIE_BREAK = 1e-12f;

    private final AtssAssigner withoutPredictions;
    private final int topK;
    private final float alpha;
    private final float beta;
    private final float ignoreIof;

    /**
     * @param withoutPredictions the assigner of {@link #assign(NDArray, NDArray, NDArray)}
     * @param topK positives per object, at least 1
     * @param alpha exponent of the class score, at least 0
     * @param beta exponent of the IoU, at least 0
     * @param ignoreIof fraction of an anchor inside an ignore region from which it is ignored, in (0, 1]
     */
    public TaskAlignedAssigner(AtssAssigner withoutPredictions, int topK, float alpha, float beta, float ignoreIof) {
        if (topK < 1 || !(alpha >= 0) || !(beta >= 0) || !(ignoreIof > 0 && ignoreIof <= 1)) {
            throw new IllegalArgumentException("task-aligned assignment needs top-k >= 1, exponents >= 0 and an ignore"
                    + " IoF in (0, 1], got " + topK + ", " + alpha + ", " + beta + ", " + ignoreIof);
        }
        this.withoutPredictions = withoutPredictions;
        this.topK = topK;
        this.alpha = alpha;
        this.beta = beta;
        this.ignoreIof = ignoreIof;
    }

    /** The paper's setting (13 positives, alpha 1, beta 6; ATSS without predictions) for anchors of that input. */
    public static TaskAlignedAssigner of(AnchorConfig config, int height, int width) {
        return new TaskAlignedAssigner(AtssAssigner.of(config, height, width), DEFAULT_TOP_K, DEFAULT_ALPHA,
                DEFAULT_BETA, 0.5f);
    }

    @Override
    public Assignment assign(NDArray anchors, NDArray gtBoxes, NDArray ignoreRegions) {
        return withoutPredictions.assign(anchors, gtBoxes, ignoreRegions);
    }

    @Override
    public boolean usesPredictions() {
        return true;
    }

    @Override
    public Assignment assign(NDArray anchors, NDArray gtBoxes, NDArray gtClasses, NDArray ignoreRegions,
            Predictions predictions) {
        NDManager caller = anchors.getManager();
        long n = anchors.getShape().get(0);
        long g = gtBoxes.getShape().get(0);
        NDArray scores = predictions.scores();
        NDArray boxes = predictions.boxes();
        if (scores.getShape().dimension() != 2 || scores.getShape().get(0) != n
                || !boxes.getShape().equals(new Shape(n, 4)) || gtClasses.getShape().get(0) != g) {
            throw new IllegalArgumentException("task-aligned assignment needs scores (N, C) and boxes (N, 4) for the "
                    + n + " anchors and a class per box, got " + scores.getShape() + ", " + boxes.getShape() + " and "
                    + gtClasses.getShape() + " for " + g + " boxes");
        }
        try (NDManager scope = NDManager.subManagerOf(anchors)) {
            scope.tempAttachAll(anchors, gtBoxes, gtClasses, scores, boxes);
            NDArray index = scope.full(new Shape(n), Assignment.NEGATIVE).toType(DataType.INT64, false);
            NDArray alignment = scope.zeros(new Shape(n));
            NDArray positive = alignment.gt(0f);
            NDArray maxIou = scope.zeros(new Shape(n));
            if (g > 0) {
                NDArray classOf = gtClasses.toType(DataType.INT64, false).expandDims(1)
                        .eq(scope.arange(scores.getShape().get(1)).toType(DataType.INT64, false).expandDims(0))
                        .toType(DataType.FLOAT32, false);
                NDArray score = classOf.matMul(scores.transpose());
                NDArray iou = BoxIou.pairwise(gtBoxes, boxes);
                NDArray inside = AnchorCentres.of(anchors).inside(gtBoxes);
                NDArray metric = score.pow(alpha).mul(iou.pow(beta)).mul(inside.toType(DataType.FLOAT32, false));
                NDArray anchorIou = BoxIou.pairwise(gtBoxes, anchors);
                NDArray rank = metric.add(anchorIou.mul(TIE_BREAK));
                long k = Math.min(topK, n);
                NDArray kth = rank.sort(1).get(":, " + (n - k)).expandDims(1);
                NDArray chosen = rank.gte(kth).logicalAnd(inside);
                NDArray scored = NDArrays.where(chosen, iou, scope.full(iou.getShape(), -1f));
                positive = scored.max(new int[] {0}).gte(0f);
                NDArray owner = scored.argMax(0).toType(DataType.INT64, false);
                index = NDArrays.where(positive, owner, index);
                NDArray owned = chosen.logicalAnd(scope.arange(g).toType(DataType.INT64, false).expandDims(1)
                        .eq(owner.expandDims(0))).logicalAnd(positive.expandDims(0));
                NDArray ownedMask = owned.toType(DataType.FLOAT32, false);
                NDArray metricMax = metric.mul(ownedMask).max(new int[] {1}, true);
                NDArray iouMax = iou.mul(ownedMask).max(new int[] {1}, true);
                alignment = metric.mul(iouMax).div(metricMax.add(EPS)).mul(ownedMask).max(new int[] {0});
                maxIou = anchorIou.max(new int[] {0});
            }
            index = AnchorCentres.ignore(scope, anchors, ignoreRegions, ignoreIof, positive, index);
            Assignment result = new Assignment(index, maxIou, alignment);
            index.attach(caller);
            maxIou.attach(caller);
            alignment.attach(caller);
            return result;
        }
    }
}
