package dev.attnvision.core.detect.anchor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.attnvision.core.detect.box.BoxIou;

/**
 * What the centre-based assigners ({@link AtssAssigner}, {@link TaskAlignedAssigner}) share: the anchors' centres,
 * which ground-truth boxes contain them, and ignore regions.
 *
 * @param x (1, N) the anchors' centre x
 * @param y (1, N) the anchors' centre y
 */
record AnchorCentres(NDArray x, NDArray y) {
    /** The centres of anchors (N, 4). */
    static AnchorCentres of(NDArray anchors) {
        return new AnchorCentres(anchors.get(":, 0").add(anchors.get(":, 2")).div(2).expandDims(0),
                anchors.get(":, 1").add(anchors.get(":, 3")).div(2).expandDims(0));
    }

    /** (G, N): whether anchor n's centre lies strictly inside box g of {@code gtBoxes} (G, 4). */
    NDArray inside(NDArray gtBoxes) {
        return x.gt(gtBoxes.get(":, 0").expandDims(1)).logicalAnd(x.lt(gtBoxes.get(":, 2").expandDims(1)))
                .logicalAnd(y.gt(gtBoxes.get(":, 1").expandDims(1)))
                .logicalAnd(y.lt(gtBoxes.get(":, 3").expandDims(1)));
    }

    /**
     * {@code index} with the anchors that are not {@code positive} and cover an ignore region (K, 4; may be null or
     * empty) by more than {@code ignoreIof} of their area marked {@link Assignment#IGNORED}.
     */
    static NDArray ignore(NDManager scope, NDArray anchors, NDArray ignoreRegions, float ignoreIof, NDArray positive,
            NDArray index) {
        if (ignoreRegions == null || ignoreRegions.getShape().get(0) == 0) {
            return index;
        }
        scope.tempAttachAll(ignoreRegions);
        NDArray inIgnore = BoxIou.pairwiseForeground(anchors, ignoreRegions).max(new int[] {1}).gt(ignoreIof);
        return NDArrays.where(inIgnore.logicalAnd(positive.logicalNot()),
                scope.full(new Shape(anchors.getShape().get(0)), Assignment.IGNORED).toType(DataType.INT64, false),
                index);
    }
}
