package dev.attnvision.core.detect.anchor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class MaxIouAssignerTest {
    private static final long N = Assignment.NEGATIVE;
    private static final long I = Assignment.IGNORED;

    private static NDArray boxes(NDManager m, float... xyxy) {
        return m.create(xyxy, new Shape(xyxy.length / 4, 4));
    }

    @Test
    void thresholdsSplitPositiveIgnoredAndNegative() {
        try (NDManager m = NDManager.newBaseManager()) {
            // IoUs with the box (0,0,10,10): 1, 0.5, 0.45, 0.3, 0
            NDArray anchors = boxes(m, 0, 0, 10, 10, 0, 0, 10, 5, 0, 0, 10, 4.5f, 0, 0, 10, 3, 20, 20, 30, 30);
            Assignment a = MaxIouAssigner.retinaNet().assign(anchors, boxes(m, 0, 0, 10, 10));
            assertArrayEquals(new long[] {0, 0, I, N, N}, a.gtIndex().toLongArray());
            assertArrayEquals(new float[] {1, 0.5f, 0.45f, 0.3f, 0}, a.maxIou().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void lowQualityMatchGivesEveryBoxItsBestAnchorsAndTheLaterBoxWinsATie() {
        try (NDManager m = NDManager.newBaseManager()) {
            // box 0 (0,0,10,10): best anchor 0 at IoU 0.3; box 1 (0,5,10,15): IoU 0.3 with anchor 2 and also
            // best with anchor 1 (IoU 0.3), box 2 overlaps nothing and claims nothing
            NDArray anchors = boxes(m, 0, 0, 10, 3, 0, 12, 10, 15, 40, 40, 50, 50);
            NDArray gt = boxes(m, 0, 0, 10, 10, 0, 5, 10, 15, 100, 100, 110, 110);
            Assignment with = MaxIouAssigner.retinaNet().assign(anchors, gt);
            assertArrayEquals(new long[] {0, 1, N}, with.gtIndex().toLongArray());
            Assignment without = new MaxIouAssigner(0.5f, 0.4f, 0f, false, 0.5f).assign(anchors, gt);
            assertArrayEquals(new long[] {N, N, N}, without.gtIndex().toLongArray());
            // two boxes equally best for one anchor: the later box takes it
            Assignment tie = MaxIouAssigner.retinaNet().assign(boxes(m, 0, 0, 10, 10),
                    boxes(m, 0, 0, 10, 30, 0, -20, 10, 10));
            assertArrayEquals(new long[] {1}, tie.gtIndex().toLongArray());
        }
    }

    @Test
    void positiveByThresholdTakesTheBestBox() {
        try (NDManager m = NDManager.newBaseManager()) {
            Assignment a = MaxIouAssigner.retinaNet().assign(boxes(m, 0, 0, 10, 10, 10, 0, 20, 10),
                    boxes(m, 11, 0, 20, 10, 0, 0, 9, 10));
            assertArrayEquals(new long[] {1, 0}, a.gtIndex().toLongArray());
        }
    }

    @Test
    void withoutGroundTruthEveryAnchorIsNegative() {
        try (NDManager m = NDManager.newBaseManager()) {
            Assignment a = MaxIouAssigner.retinaNet().assign(boxes(m, 0, 0, 10, 10, 5, 5, 8, 8),
                    m.zeros(new Shape(0, 4)));
            assertArrayEquals(new long[] {N, N}, a.gtIndex().toLongArray());
            assertArrayEquals(new float[] {0, 0}, a.maxIou().toFloatArray());
        }
    }

    @Test
    void anchorsInsideAnIgnoreRegionAreIgnored() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray anchors = boxes(m, 0, 0, 10, 10, 50, 50, 60, 60, 58, 50, 68, 60);
            // the region covers anchor 1 fully and 20% of anchor 2
            Assignment a = MaxIouAssigner.retinaNet().assign(anchors, boxes(m, 0, 0, 10, 10),
                    boxes(m, 40, 40, 60, 70));
            assertArrayEquals(new long[] {0, I, N}, a.gtIndex().toLongArray());
        }
    }

    @Test
    void inconsistentThresholdsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new MaxIouAssigner(0.4f, 0.5f, 0f, true, 0.5f));
    }
}
