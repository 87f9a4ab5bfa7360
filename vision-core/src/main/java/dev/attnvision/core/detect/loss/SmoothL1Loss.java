package dev.attnvision.core.detect.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import dev.attnvision.attention.Constants;

/**
 * Smooth L1 (Huber-like) box regression loss (Girshick 2015, "Fast R-CNN", arXiv 1504.08083, eq. 3, with the
 * transition point {@code beta} of Detectron's RetinaNet).
 *
 * <p>Per coordinate, with {@code d = |prediction - target|}: {@code 0.5 d^2 / beta} if {@code d < beta}, else
 * {@code d - 0.5 beta}; {@code beta = 0} is plain L1. Coordinates are weighted per row (0 for anchors that are not
 * positive), summed and divided by the number of positive anchors (at least 1).
 */
public final class SmoothL1Loss {
    private final float beta;

    /** @param beta the quadratic-to-linear transition, at least 0 */
    public SmoothL1Loss(float beta) {
        if (!(beta >= 0)) {
            throw new IllegalArgumentException("smooth L1 beta must be >= 0, got " + beta);
        }
        this.beta = beta;
    }

    /** Detectron's RetinaNet setting, {@code beta = 0.11}. */
    public static SmoothL1Loss retinaNet() {
        return new SmoothL1Loss(0.11f);
    }

    /**
     * The loss as a scalar array (differentiable in {@code prediction}).
     *
     * @param prediction (N, 4) predicted deltas
     * @param target (N, 4) target deltas
     * @param weight (N) per-row weight, 1 for positive anchors and 0 elsewhere
     * @param numPositives the normaliser; values below 1 count as 1
     */
    public NDArray compute(NDArray prediction, NDArray target, NDArray weight, float numPositives) {
        LossShapes.requireRows(prediction, target, weight);
        NDManager caller = prediction.getManager();
        try (NDManager scope = NDManager.subManagerOf(prediction)) {
            scope.tempAttachAll(prediction, target, weight);
            NDArray d = prediction.sub(target).abs();
            NDArray perCoordinate = beta == 0 ? d
                    : NDArrays.where(d.lt(beta), d.square().mul(Constants.scalar(d, 0.5f / beta)), d.sub(0.5f * beta));
            NDArray loss = perCoordinate.mul(weight.toType(prediction.getDataType(), false).expandDims(1)).sum()
                    .div(Constants.scalar(d, Math.max(numPositives, 1f)));
            loss.attach(caller);
            return loss;
        }
    }
}
