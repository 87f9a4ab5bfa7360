package dev.attnvision.core.detect.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import dev.attnvision.attention.Constants;

/**
 * What the dense classification losses share: labels as per-class binary targets, the binary cross-entropy of
 * logits against targets in [0, 1], and the sum over non-ignored anchors divided by the number of positives.
 */
final class ClassLossTerms {
    private ClassLossTerms() {}

    /** Checks logits (N, C) against labels (N). */
    static void requireShapes(String loss, NDArray logits, NDArray labels) {
        if (logits.getShape().dimension() != 2 || labels.getShape().dimension() != 1
                || labels.getShape().get(0) != logits.getShape().get(0)) {
            throw new IllegalArgumentException(loss + " needs logits (N, C) and labels (N), got "
                    + logits.getShape() + " and " + labels.getShape());
        }
    }

    /** (N, C) of {@code type}: 1 at each anchor's class, 0 elsewhere and for background or ignored anchors. */
    static NDArray oneHot(NDArray classIds, long classes, DataType type) {
        NDArray all = classIds.getManager().arange(classes).toType(DataType.INT64, false).expandDims(0);
        return classIds.expandDims(1).eq(all).toType(type, false);
    }

    /**
     * {@code -(t ln p + (1 - t) ln(1 - p))} with {@code p = sigmoid(x)}, as {@code t softplus(-x) + (1 - t)
     * softplus(x)}: stable for large logits.
     */
    static NDArray binaryCrossEntropy(NDArray logits, NDArray target) {
        return target.mul(Activation.softPlus(logits.neg()))
                .add(target.neg().add(1).mul(Activation.softPlus(logits)));
    }

    /** The sum of {@code elementLoss} (N, C) over anchors not ignored (label -1 or above) over {@code numPositives}. */
    static NDArray perPositive(NDArray elementLoss, NDArray classIds, float numPositives) {
        NDArray valid = classIds.gte(-1).toType(elementLoss.getDataType(), false).expandDims(1);
        return elementLoss.mul(valid).sum().div(Constants.scalar(elementLoss, Math.max(numPositives, 1f)));
    }
}
