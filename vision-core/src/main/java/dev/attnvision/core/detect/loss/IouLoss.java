package dev.attnvision.core.detect.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.attnvision.attention.Constants;

/**
 * A box loss on decoded boxes of the form {@code 1 - IoU + penalty}: {@link GiouLoss} or {@link DistanceIouLoss}.
 * Rows are weighted (0 for anchors that are not positive), summed, divided by the number of positive anchors (at
 * least 1) and scaled by the loss's weight against the classification loss.
 */
public abstract sealed class IouLoss permits GiouLoss, DistanceIouLoss {
    /** Keeps areas and squared distances away from 0 in divisions. */
    static final float EPS = 1e-7f;

    private final float lossWeight;

    /** @param weight the factor on the loss, positive */
    IouLoss(float weight) {
        if (!(weight > 0)) {
            throw new IllegalArgumentException("an IoU loss weight must be positive, got " + weight);
        }
        this.lossWeight = weight;
    }

    /**
     * The loss as a scalar array (differentiable in {@code predicted}).
     *
     * @param predicted (N, 4) predicted boxes (x1, y1, x2, y2)
     * @param target (N, 4) target boxes
     * @param weight (N) per-row weight, 1 for positive anchors and 0 elsewhere
     * @param numPositives the normaliser; values below 1 count as 1
     */
    public NDArray compute(NDArray predicted, NDArray target, NDArray weight, float numPositives) {
        LossShapes.requireRows(predicted, target, weight);
        NDManager caller = predicted.getManager();
        try (NDManager scope = NDManager.subManagerOf(predicted)) {
            scope.tempAttachAll(predicted, target, weight);
            NDArray loss = perBox(Overlap.of(predicted, target), predicted, target)
                    .mul(weight.toType(predicted.getDataType(), false)).sum()
                    .div(Constants.scalar(predicted, Math.max(numPositives, 1f) / lossWeight));
            loss.attach(caller);
            return loss;
        }
    }

    /** Each row's loss (N), {@code 1 - IoU + penalty}, from the boxes and their overlap. */
    abstract NDArray perBox(Overlap overlap, NDArray predicted, NDArray target);

    /**
     * What the IoU losses share of a pair of boxes A (predicted) and B (target), row by row (N).
     *
     * @param iou {@code |A ∩ B| / |A ∪ B|}
     * @param union {@code |A ∪ B|} (at least {@link #EPS})
     * @param encloseWidth width of the smallest box enclosing both
     * @param encloseHeight its height
     */
    record Overlap(NDArray iou, NDArray union, NDArray encloseWidth, NDArray encloseHeight) {
        static Overlap of(NDArray a, NDArray b) {
            NDArray zero = Constants.scalar(a, 0);
            NDArray areaA = side(a, 0).mul(side(a, 1));
            NDArray areaB = side(b, 0).mul(side(b, 1));
            NDArray wh = a.get(":, 2:4").minimum(b.get(":, 2:4")).sub(a.get(":, 0:2").maximum(b.get(":, 0:2")))
                    .maximum(zero);
            NDArray inter = wh.get(":, 0").mul(wh.get(":, 1"));
            NDArray union = areaA.add(areaB).sub(inter).add(EPS);
            NDArray enclose = a.get(":, 2:4").maximum(b.get(":, 2:4")).sub(a.get(":, 0:2").minimum(b.get(":, 0:2")))
                    .maximum(zero);
            return new Overlap(inter.div(union), union, enclose.get(":, 0"), enclose.get(":, 1"));
        }
    }

    /** Width (axis 0) or height (axis 1), clamped at 0. */
    static NDArray side(NDArray boxes, int axis) {
        NDArray side = boxes.get(":, " + (axis + 2)).sub(boxes.get(":, " + axis));
        return side.maximum(Constants.scalar(side, 0));
    }
}
