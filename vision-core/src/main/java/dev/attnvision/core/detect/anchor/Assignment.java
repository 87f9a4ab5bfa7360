package dev.attnvision.core.detect.anchor;

import ai.djl.ndarray.NDArray;

/**
 * What each anchor learns: the index of its ground-truth box, {@link #NEGATIVE} (background) or {@link #IGNORED}
 * (no loss at all).
 *
 * @param gtIndex (N) int64: ground-truth row for positives, else {@code NEGATIVE} or {@code IGNORED}
 * @param maxIou (N) float32: each anchor's best IoU with any ground truth (0 without ground truth)
 */
public record Assignment(NDArray gtIndex, NDArray maxIou) {
    /** Marks a background anchor. */
    public static final long NEGATIVE = -1;
    /** Marks an anchor between the thresholds or inside an ignore region. */
    public static final long IGNORED = -2;
}
