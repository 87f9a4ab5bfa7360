package dev.attnvision.core.detect.loss;

import ai.djl.ndarray.NDArray;

/**
 * Generalised IoU loss on decoded boxes (Rezatofighi et al. 2019, "Generalized Intersection over Union",
 * arXiv 1902.09630, algorithm 2).
 *
 * <p>For a predicted box A and its target B, with C the smallest box enclosing both:
 * {@code GIoU = IoU(A, B) - (|C| - |A ∪ B|) / |C|} and the loss is {@code 1 - GIoU}, in [0, 2]; unlike
 * {@code 1 - IoU} it still has a gradient when the boxes do not overlap.
 */
public final class GiouLoss extends IouLoss {
    /** The loss at weight 1. */
    public GiouLoss() {
        this(1f);
    }

    /** @param weight the factor on the loss, positive */
    public GiouLoss(float weight) {
        super(weight);
    }

    /** ATSS's setting beside focal loss (Zhang et al. 2020, arXiv 1912.02424): weight 2. */
    public static GiouLoss atss() {
        return new GiouLoss(2f);
    }

    @Override
    NDArray perBox(Overlap overlap, NDArray predicted, NDArray target) {
        NDArray enclose = overlap.encloseWidth().mul(overlap.encloseHeight()).add(EPS);
        return overlap.iou().sub(enclose.sub(overlap.union()).div(enclose)).neg().add(1);
    }
}
