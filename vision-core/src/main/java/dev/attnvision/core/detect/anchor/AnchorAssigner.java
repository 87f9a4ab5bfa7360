package dev.attnvision.core.detect.anchor;

import ai.djl.ndarray.NDArray;

/** Decides which anchors learn which ground-truth box: {@link MaxIouAssigner} (RetinaNet) or {@link AtssAssigner}. */
public interface AnchorAssigner {
    /**
     * Assigns anchors (N, 4) to ground-truth boxes (G, 4, G may be 0); {@code ignoreRegions} (K, 4) may be null or
     * empty. Results are attached to the anchors' manager.
     */
    Assignment assign(NDArray anchors, NDArray gtBoxes, NDArray ignoreRegions);
}
