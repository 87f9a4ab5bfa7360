package dev.attnvision.core.detect.anchor;

import ai.djl.ndarray.NDArray;

/**
 * Decides which anchors learn which ground-truth box: {@link MaxIouAssigner} (RetinaNet), {@link AtssAssigner}, or
 * {@link TaskAlignedAssigner}, which also looks at what the network currently predicts.
 */
public interface AnchorAssigner {
    /**
     * The network's current output for one image, detached from the gradient.
     *
     * @param scores (N, C) class probabilities
     * @param boxes (N, 4) the boxes the anchors decode to (x1, y1, x2, y2)
     */
    record Predictions(NDArray scores, NDArray boxes) {}

    /**
     * Assigns anchors (N, 4) to ground-truth boxes (G, 4, G may be 0); {@code ignoreRegions} (K, 4) may be null or
     * empty. Results are attached to the anchors' manager.
     */
    Assignment assign(NDArray anchors, NDArray gtBoxes, NDArray ignoreRegions);

    /** Whether {@link #assign(NDArray, NDArray, NDArray, NDArray, Predictions)} uses the predictions. */
    default boolean usesPredictions() {
        return false;
    }

    /**
     * Assigns as {@link #assign(NDArray, NDArray, NDArray)} does, given also the boxes' class indices (G) int64 and
     * the network's {@code predictions}, which only a prediction-aware assigner reads.
     */
    default Assignment assign(NDArray anchors, NDArray gtBoxes, NDArray gtClasses, NDArray ignoreRegions,
            Predictions predictions) {
        return assign(anchors, gtBoxes, ignoreRegions);
    }
}
