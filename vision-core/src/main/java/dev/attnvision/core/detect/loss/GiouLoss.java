package dev.attnvision.core.detect.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.attnvision.attention.Constants;

/**
 * Generalised IoU loss on decoded boxes (Rezatofighi et al. 2019, "Generalized Intersection over Union",
 * arXiv 1902.09630, algorithm 2).
 *
 * <p>For a predicted box A and its target B, with C the smallest box enclosing both:
 * {@code GIoU = IoU(A, B) - (|C| - |A ∪ B|) / |C|} and the loss is {@code 1 - GIoU}, in [0, 2]; unlike
 * {@code 1 - IoU} it still has a gradient when the boxes do not overlap. Rows are weighted (0 for anchors that
 * are not positive), summed, divided by the number of positive anchors (at least 1) and scaled by the loss's
 * weight against the classification loss.
 */
public final class GiouLoss {
    private static final float EPS = 1e-7f;

    private final float lossWeight;

    /** The loss at weight 1. */
    public GiouLoss() {
        this(1f);
    }

    /** @param weight the factor on the loss, positive */
    public GiouLoss(float weight) {
        if (!(weight > 0)) {
            throw new IllegalArgumentException("the GIoU loss weight must be positive, got " + weight);
        }
        this.lossWeight = weight;
    }

    /** ATSS's setting beside focal loss (Zhang et al. 2020, arXiv 1912.02424): weight 2. */
    public static GiouLoss atss() {
        return new GiouLoss(2f);
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
            NDArray areaA = side(predicted, 0).mul(side(predicted, 1));
            NDArray areaB = side(target, 0).mul(side(target, 1));
            NDArray lt = predicted.get(":, 0:2").maximum(target.get(":, 0:2"));
            NDArray rb = predicted.get(":, 2:4").minimum(target.get(":, 2:4"));
            NDArray zero = Constants.scalar(predicted, 0);
            NDArray wh = rb.sub(lt).maximum(zero);
            NDArray inter = wh.get(":, 0").mul(wh.get(":, 1"));
            NDArray union = areaA.add(areaB).sub(inter).add(EPS);
            NDArray encloseWh = predicted.get(":, 2:4").maximum(target.get(":, 2:4"))
                    .sub(predicted.get(":, 0:2").minimum(target.get(":, 0:2"))).maximum(zero);
            NDArray enclose = encloseWh.get(":, 0").mul(encloseWh.get(":, 1")).add(EPS);
            NDArray giou = inter.div(union).sub(enclose.sub(union).div(enclose));
            NDArray loss = giou.neg().add(1).mul(weight.toType(predicted.getDataType(), false)).sum()
                    .div(Constants.scalar(predicted, Math.max(numPositives, 1f) / lossWeight));
            loss.attach(caller);
            return loss;
        }
    }

    /** Width (axis 0) or height (axis 1), clamped at 0. */
    private static NDArray side(NDArray boxes, int axis) {
        NDArray side = boxes.get(":, " + (axis + 2)).sub(boxes.get(":, " + axis));
        return side.maximum(Constants.scalar(side, 0));
    }
}
