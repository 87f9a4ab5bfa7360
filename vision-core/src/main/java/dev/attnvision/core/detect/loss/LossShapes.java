package dev.attnvision.core.detect.loss;

import ai.djl.ndarray.NDArray;

/** Shape checks shared by the box losses. */
final class LossShapes {
    private LossShapes() {}

    /** Prediction and target must be (N, 4), the weight (N). */
    static void requireRows(NDArray prediction, NDArray target, NDArray weight) {
        if (prediction.getShape().dimension() != 2 || prediction.getShape().get(1) != 4
                || !prediction.getShape().equals(target.getShape()) || weight.getShape().dimension() != 1
                || weight.getShape().get(0) != prediction.getShape().get(0)) {
            throw new IllegalArgumentException("box losses need prediction (N, 4), target (N, 4) and weight (N), got "
                    + prediction.getShape() + ", " + target.getShape() + " and " + weight.getShape());
        }
    }
}
