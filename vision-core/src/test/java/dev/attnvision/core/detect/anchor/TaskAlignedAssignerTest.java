package dev.attnvision.core.detect.anchor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class TaskAlignedAssignerTest {
    private static final long NEG = Assignment.NEGATIVE;
    /** Seven 10 px anchors in a row, centres x = 5, 15, ..., 65. */
    private static final float[] ANCHORS = {0, 0, 10, 10, 10, 0, 20, 10, 20, 0, 30, 10, 30, 0, 40, 10, 40, 0, 50, 10,
        50, 0, 60, 10, 60, 0, 70, 10};
    /** Box 0 (class 0) contains the centres of anchors 0-2, box 1 (class 1) those of anchors 2-5; anchor 6 neither. */
    private static final float[] BOXES = {0, 0, 30, 10, 20, 0, 60, 10};
    private static final float[] PREDICTED = {0, 0, 30, 10, 2, 0, 30, 10, 15, 0, 35, 10, 20, 0, 60, 10, 22, 0, 60, 10,
        40, 0, 60, 10, 20, 0, 60, 10};
    private static final float[] SCORES = {0.5f, 0.01f, 0.9f, 0.01f, 0.5f, 0.5f, 0.01f, 0.3f, 0.01f, 0.6f, 0.01f,
        0.0001f, 0.01f, 0.99f};

    private static TaskAlignedAssigner topK(int k) {
        return new TaskAlignedAssigner(new AtssAssigner(new int[] {7}, 1, 9, 0.5f), k, 1, 6, 0.5f);
    }

    /** The paper's alignment t = s u^6 of a predicted box with IoU u along the row (boxes share y 0..10). */
    private static double alignment(double score, double iou) {
        return score * Math.pow(iou, 6);
    }

    private Assignment assign(NDManager m, TaskAlignedAssigner assigner, float[] ignore) {
        return assigner.assign(m.create(ANCHORS, new Shape(7, 4)), m.create(BOXES, new Shape(2, 4)),
                m.create(new long[] {0, 1}), ignore == null ? null : m.create(ignore, new Shape(1, 4)),
                new AnchorAssigner.Predictions(m.create(SCORES, new Shape(7, 2)), m.create(PREDICTED, new Shape(7, 4))));
    }

    @Test
    void theTopKAnchorsByScoreTimesIouToTheSixthInsideEachBoxArePositive() {
        try (NDManager m = NDManager.newBaseManager()) {
            Assignment a = assign(m, topK(2), null);
            // box 0: t = 0.5 (anchor 0, IoU 1), 0.9 x (28/30)^6 = 0.595 (anchor 1), 0.5 x (15/35)^6 (anchor 2);
            // box 1: 0.3 (anchor 3, IoU 1), 0.6 x 0.95^6 = 0.441 (anchor 4); anchor 6 predicts box 1 exactly with
            // 0.99 but its centre lies outside it
            assertArrayEquals(new long[] {0, 0, NEG, 1, 1, NEG, NEG}, a.gtIndex().toLongArray());
            double t1 = alignment(0.9, 28.0 / 30);
            double t4 = alignment(0.6, 0.95);
            // t_hat = t x (largest IoU of the box's positives) / (largest t of the box's positives)
            assertArrayEquals(new float[] {(float) (0.5 / t1), 1, 0, (float) (0.3 / t4), 1, 0, 0},
                    a.alignment().toFloatArray(), 1e-4f);
        }
    }

    @Test
    void anAnchorChosenByTwoBoxesTakesTheOneItsPredictionOverlapsMost() {
        try (NDManager m = NDManager.newBaseManager()) {
            Assignment a = assign(m, topK(3), null);
            // anchor 2 predicts (15..35): IoU 15/35 with box 0 and 15/45 with box 1, and is in both top-3s
            assertArrayEquals(new long[] {0, 0, 0, 1, 1, NEG, NEG}, a.gtIndex().toLongArray());
            double t1 = alignment(0.9, 28.0 / 30);
            assertEquals(alignment(0.5, 15.0 / 35) / t1, a.alignment().getFloat(2), 1e-5);
            assertEquals(1, a.alignment().getFloat(4), 1e-5, "box 1's normaliser ignores the anchor it lost");
        }
    }

    @Test
    void ignoreRegionsSilenceNegativesOnlyAndWithoutObjectsAllIsNegative() {
        try (NDManager m = NDManager.newBaseManager()) {
            Assignment a = assign(m, topK(2), new float[] {35, 0, 70, 10});
            assertArrayEquals(new long[] {0, 0, NEG, 1, 1, Assignment.IGNORED, Assignment.IGNORED},
                    a.gtIndex().toLongArray());
            NDArray anchors = m.create(ANCHORS, new Shape(7, 4));
            Assignment none = topK(2).assign(anchors, m.zeros(new Shape(0, 4)), m.zeros(new Shape(0)).toType(
                    ai.djl.ndarray.types.DataType.INT64, false), null, new AnchorAssigner.Predictions(
                    m.create(SCORES, new Shape(7, 2)), m.create(PREDICTED, new Shape(7, 4))));
            assertTrue(none.gtIndex().eq(NEG).all().getBoolean());
            assertEquals(0, none.alignment().abs().sum().getFloat());
        }
    }

    @Test
    void withoutPredictionsItIsAtss() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray anchors = m.create(ANCHORS, new Shape(7, 4));
            NDArray boxes = m.create(BOXES, new Shape(2, 4));
            AtssAssigner atss = new AtssAssigner(new int[] {7}, 1, 9, 0.5f);
            assertArrayEquals(atss.assign(anchors, boxes, null).gtIndex().toLongArray(),
                    topK(2).assign(anchors, boxes, null).gtIndex().toLongArray());
            assertTrue(topK(2).usesPredictions() && !atss.usesPredictions());
        }
    }

    @Test
    void badSettingsAndShapesAreRefused() {
        AtssAssigner atss = new AtssAssigner(new int[] {7}, 1, 9, 0.5f);
        assertThrows(IllegalArgumentException.class, () -> new TaskAlignedAssigner(atss, 0, 1, 6, 0.5f));
        assertThrows(IllegalArgumentException.class, () -> new TaskAlignedAssigner(atss, 13, -1, 6, 0.5f));
        try (NDManager m = NDManager.newBaseManager()) {
            assertThrows(IllegalArgumentException.class, () -> topK(2).assign(m.create(ANCHORS, new Shape(7, 4)),
                    m.create(BOXES, new Shape(2, 4)), m.create(new long[] {0, 1}), null,
                    new AnchorAssigner.Predictions(m.zeros(new Shape(6, 2)), m.zeros(new Shape(7, 4)))));
        }
    }
}
