package dev.attnvision.core.detect.anchor;

import ai.djl.ndarray.NDArray;

/**
 * What each anchor learns: the index of its ground-truth box, {@link #NEGATIVE} (background) or {@link #IGNORED}
 * (no loss at all).
 *
 * @param gtIndex (N) int64: ground-truth row for positives, else {@code NEGATIVE} or {@code IGNORED}
 * @param maxIou (N) float32: each anchor's best IoU with any ground truth (0 without ground truth)
 * @param alignment (N) float32, the soft target and box-loss weight of each positive anchor (0 elsewhere) for an
 *     assigner that scores the network's predictions ({@link TaskAlignedAssigner}); null for the others
 */
public record Assignment(NDArray gtIndex, NDArray maxIou, NDArray alignment) {
    /** Marks a background anchor. */
    public static final long NEGATIVE = -1;
    /** Marks an anchor between the thresholds or inside an ignore region. */
    public static final long IGNORED = -2;

    /** An assignment without alignment targets. */
    public Assignment(NDArray gtIndex, NDArray maxIou) {
        this(gtIndex, maxIou, null);
    }
}
