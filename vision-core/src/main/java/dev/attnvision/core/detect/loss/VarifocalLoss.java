package dev.attnvision.core.detect.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import dev.attnvision.attention.Constants;

/**
 * Varifocal loss (Zhang, Wang, Dayoub, Sünderhauf 2021, "VarifocalNet: An IoU-aware Dense Object Detector",
 * arXiv 2008.13367, eq. 2): the class outputs learn an IoU-aware classification score, so that detections are
 * ranked by how well their boxes are placed as well as by how sure the class is, and non-maximum suppression keeps
 * the best-placed box.
 *
 * <p>For a class output with probability {@code p = sigmoid(x)}, the target {@code q} is, for the object's class of
 * a positive anchor, the IoU of the anchor's predicted box with its object, and 0 for every other output:
 * {@code VFL(p, q) = -q (q ln p + (1 - q) ln(1 - p))} where {@code q > 0} and {@code -alpha p^gamma ln(1 - p)}
 * where {@code q = 0}. Positives are weighted by their own target (well-placed boxes count more) and not
 * down-weighted as focal loss does; only the negatives are. The logarithms are softplus terms, stable for large
 * logits. The sum over all non-ignored anchors and classes is divided by the number of positive anchors (at least
 * 1). The targets are constants: no gradient flows into the box branch through them.
 */
public final class VarifocalLoss implements ClassificationLoss {
    private final float alpha;
    private final float gamma;

    /**
     * @param alpha weight of the negatives, in [0, 1]
     * @param gamma focusing exponent of the negatives, at least 0
     */
    public VarifocalLoss(float alpha, float gamma) {
        if (!(alpha >= 0 && alpha <= 1) || !(gamma >= 0)) {
            throw new IllegalArgumentException("varifocal loss needs alpha in [0, 1] and gamma >= 0, got alpha "
                    + alpha + ", gamma " + gamma);
        }
        this.alpha = alpha;
        this.gamma = gamma;
    }

    /** The paper's setting: alpha 0.75, gamma 2. */
    public static VarifocalLoss varifocalNet() {
        return new VarifocalLoss(0.75f, 2f);
    }

    @Override
    public boolean usesQuality() {
        return true;
    }

    @Override
    public NDArray compute(NDArray logits, NDArray labels, NDArray quality, float numPositives) {
        ClassLossTerms.requireShapes("varifocal loss", logits, labels);
        if (quality == null || !quality.getShape().equals(labels.getShape())) {
            throw new IllegalArgumentException("varifocal loss needs a quality (N) beside labels "
                    + labels.getShape() + ", got " + (quality == null ? "none" : quality.getShape()));
        }
        NDManager caller = logits.getManager();
        try (NDManager scope = NDManager.subManagerOf(logits)) {
            scope.tempAttachAll(logits, labels, quality);
            DataType type = logits.getDataType();
            NDArray classIds = labels.toType(DataType.INT64, false);
            NDArray q = ClassLossTerms.oneHot(classIds, logits.getShape().get(1), type)
                    .mul(quality.stopGradient().toType(type, false).clip(0, 1).expandDims(1));
            NDArray positive = q.gt(0).toType(type, false);
            NDArray negativeWeight = Activation.sigmoid(logits).pow(Constants.scalar(logits, gamma))
                    .mul(Constants.scalar(logits, alpha));
            NDArray weight = positive.mul(q).add(positive.neg().add(1).mul(negativeWeight));
            NDArray loss = ClassLossTerms.perPositive(weight.mul(ClassLossTerms.binaryCrossEntropy(logits, q)),
                    classIds, numPositives);
            loss.attach(caller);
            return loss;
        }
    }
}
