package dev.attnvision.core.detect.loss;

import ai.djl.ndarray.NDArray;
import dev.attnvision.attention.Constants;

/**
 * Distance-IoU and Complete-IoU losses on decoded boxes (Zheng, Wang, Liu, Li, Ye, Ren 2020, "Distance-IoU Loss:
 * Faster and Better Learning for Bounding Box Regression", arXiv 1911.08287, eq. 6 and 10-11).
 *
 * <p>For a predicted box A and its target B, with {@code rho} the distance of their centres and {@code c} the
 * diagonal of the smallest box enclosing both: {@code L_DIoU = 1 - IoU + rho^2 / c^2}, which pulls the centres
 * together directly, also when one box contains the other (where GIoU's penalty vanishes). CIoU adds the agreement
 * of the aspect ratios: {@code L_CIoU = L_DIoU + alpha v} with
 * {@code v = 4 / pi^2 (atan(w_B / h_B) - atan(w_A / h_A))^2} and {@code alpha = v / ((1 - IoU) + v)}, a trade-off
 * the paper treats as a constant (no gradient flows through it).
 */
public final class DistanceIouLoss extends IouLoss {
    private static final double FOUR_OVER_PI_SQUARED = 4 / (Math.PI * Math.PI);

    private final boolean complete;

    /**
     * @param weight the factor on the loss, positive
     * @param complete add CIoU's aspect-ratio term (else DIoU)
     */
    public DistanceIouLoss(float weight, boolean complete) {
        super(weight);
        this.complete = complete;
    }

    /** DIoU at {@code weight}. */
    public static DistanceIouLoss diou(float weight) {
        return new DistanceIouLoss(weight, false);
    }

    /** CIoU at {@code weight}. */
    public static DistanceIouLoss ciou(float weight) {
        return new DistanceIouLoss(weight, true);
    }

    @Override
    NDArray perBox(Overlap overlap, NDArray predicted, NDArray target) {
        NDArray centreOffset = predicted.get(":, 0:2").add(predicted.get(":, 2:4"))
                .sub(target.get(":, 0:2").add(target.get(":, 2:4"))).div(Constants.scalar(predicted, 2));
        NDArray rho2 = centreOffset.square().sum(new int[] {1});
        NDArray c2 = overlap.encloseWidth().square().add(overlap.encloseHeight().square()).add(EPS);
        NDArray loss = overlap.iou().neg().add(1).add(rho2.div(c2));
        if (!complete) {
            return loss;
        }
        NDArray v = aspect(target).sub(aspect(predicted)).square()
                .mul(Constants.scalar(predicted, (float) FOUR_OVER_PI_SQUARED));
        NDArray alpha = v.div(overlap.iou().neg().add(1).add(v).add(EPS)).stopGradient();
        return loss.add(alpha.mul(v));
    }

    /** {@code atan(w / h)} of each box. */
    private static NDArray aspect(NDArray boxes) {
        return side(boxes, 0).div(side(boxes, 1).add(EPS)).atan();
    }
}
