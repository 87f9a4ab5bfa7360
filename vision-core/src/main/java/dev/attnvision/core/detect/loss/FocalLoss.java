package dev.attnvision.core.detect.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import dev.attnvision.attention.Constants;

/**
 * Sigmoid focal loss (Lin et al. 2017, "Focal Loss for Dense Object Detection", arXiv 1708.02002, eq. 5).
 *
 * <p>Each of the C class outputs of an anchor is a binary problem with probability {@code p = sigmoid(x)} and
 * target {@code y} (1 for the anchor's class, 0 otherwise, all 0 for background):
 * {@code FL = -alpha_t (1 - p_t)^gamma ln(p_t)} with {@code p_t = p} and {@code alpha_t = alpha} where {@code y = 1},
 * {@code p_t = 1 - p} and {@code alpha_t = 1 - alpha} where {@code y = 0}. {@code ln(p_t)} is computed as
 * {@code -softplus(-x)} or {@code -softplus(x)}, stable for large logits. The sum over all non-ignored anchors
 * and classes is divided by the number of positive anchors (at least 1).
 */
public final class FocalLoss implements ClassificationLoss {
    private final float alpha;
    private final float gamma;

    /**
     * @param alpha weight of the positive targets, in [0, 1]
     * @param gamma focusing exponent, at least 0 (0 gives alpha-weighted cross-entropy)
     */
    public FocalLoss(float alpha, float gamma) {
        if (!(alpha >= 0 && alpha <= 1) || !(gamma >= 0)) {
            throw new IllegalArgumentException("focal loss needs alpha in [0, 1] and gamma >= 0, got alpha " + alpha
                    + ", gamma " + gamma);
        }
        this.alpha = alpha;
        this.gamma = gamma;
    }

    /** The paper's setting: alpha 0.25, gamma 2. */
    public static FocalLoss retinaNet() {
        return new FocalLoss(0.25f, 2f);
    }

    @Override
    public boolean usesQuality() {
        return false;
    }

    @Override
    public NDArray compute(NDArray logits, NDArray labels, NDArray quality, float numPositives) {
        return compute(logits, labels, numPositives);
    }

    /** {@link #compute(NDArray, NDArray, NDArray, float)}, which needs no quality. */
    public NDArray compute(NDArray logits, NDArray labels, float numPositives) {
        ClassLossTerms.requireShapes("focal loss", logits, labels);
        NDManager caller = logits.getManager();
        try (NDManager scope = NDManager.subManagerOf(logits)) {
            scope.tempAttachAll(logits, labels);
            NDArray classIds = labels.toType(DataType.INT64, false);
            NDArray y = ClassLossTerms.oneHot(classIds, logits.getShape().get(1), logits.getDataType());
            NDArray notY = y.neg().add(1);
            NDArray p = Activation.sigmoid(logits);
            NDArray oneMinusPt = y.mul(p.neg().add(1)).add(notY.mul(p));
            NDArray alphaT = y.mul(alpha).add(notY.mul(1 - alpha));
            NDArray loss = ClassLossTerms.perPositive(alphaT.mul(oneMinusPt.pow(Constants.scalar(logits, gamma)))
                    .mul(ClassLossTerms.binaryCrossEntropy(logits, y)), classIds, numPositives);
            loss.attach(caller);
            return loss;
        }
    }
}
