package dev.attnvision.core.detect.loss;

import ai.djl.ndarray.NDArray;

/**
 * A dense head's classification loss over all anchors: {@link FocalLoss} (binary targets) or {@link VarifocalLoss}
 * (targets that carry each positive anchor's localisation quality).
 */
public sealed interface ClassificationLoss permits FocalLoss, VarifocalLoss {
    /** Whether {@link #compute} needs the positive anchors' quality, the IoU of their predicted box. */
    boolean usesQuality();

    /**
     * The loss as a scalar array (differentiable in {@code logits}).
     *
     * @param logits (N, C) class logits
     * @param labels (N) integer: class index for a positive anchor, -1 for background, below -1 ignored
     * @param quality (N) in [0, 1], the IoU of each positive anchor's predicted box with its object (not
     *     differentiated; ignored elsewhere); may be null if {@link #usesQuality} is false
     * @param numPositives the normaliser, usually the number of positive anchors; values below 1 count as 1
     */
    NDArray compute(NDArray logits, NDArray labels, NDArray quality, float numPositives);
}
