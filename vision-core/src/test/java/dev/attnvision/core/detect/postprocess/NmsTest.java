package dev.attnvision.core.detect.postprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class NmsTest {
    private static long[] run(Nms nms, float[] boxes, float[] scores, int[] classes) {
        try (NDManager m = NDManager.newBaseManager()) {
            return nms.apply(m.create(boxes, new Shape(scores.length, 4)), m.create(scores), m.create(classes))
                    .toLongArray();
        }
    }

    @Test
    void overlappingBoxOfTheSameClassIsSuppressed() {
        // IoU(0, 1) = 81 / 119 > 0.5; box 2 is apart
        float[] boxes = {0, 0, 10, 10, 1, 1, 11, 11, 20, 20, 30, 30};
        assertArrayEquals(new long[] {0, 2},
                run(new Nms(0.05f, 0.5f, 100), boxes, new float[] {0.9f, 0.8f, 0.7f}, new int[] {0, 0, 0}));
        assertArrayEquals(new long[] {0, 1, 2},
                run(new Nms(0.05f, 0.5f, 100), boxes, new float[] {0.9f, 0.8f, 0.7f}, new int[] {0, 1, 0}),
                "a different class is not suppressed");
    }

    @Test
    void acrossClassesTheBetterBoxOfAnyClassWins() {
        float[] boxes = {0, 0, 10, 10, 1, 1, 11, 11, 20, 20, 30, 30};
        assertArrayEquals(new long[] {1, 2},
                run(new Nms(0.05f, 0.5f, 100, true), boxes, new float[] {0.8f, 0.9f, 0.7f}, new int[] {0, 1, 0}));
    }

    @Test
    void aSuppressedBoxSuppressesNothing() {
        // IoU(0,1) = IoU(1,2) = 70/130 > 0.5 but IoU(0,2) = 40/160: greedy NMS keeps box 2 (Fast NMS would not)
        float[] boxes = {0, 0, 10, 10, 0, 3, 10, 13, 0, 6, 10, 16};
        assertArrayEquals(new long[] {0, 2},
                run(new Nms(0f, 0.5f, 100), boxes, new float[] {0.9f, 0.8f, 0.7f}, new int[] {2, 2, 2}));
    }

    @Test
    void tiesKeepInputOrderAndHigherScoresComeFirst() {
        float[] boxes = {0, 0, 10, 10, 0, 0, 10, 10, 50, 50, 60, 60, 80, 80, 90, 90};
        assertArrayEquals(new long[] {3, 0, 2},
                run(new Nms(0f, 0.5f, 100), boxes, new float[] {0.5f, 0.5f, 0.5f, 0.6f}, new int[] {0, 0, 0, 0}));
    }

    @Test
    void scoreThresholdAndMaxDetectionsApply() {
        float[] boxes = {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7};
        float[] scores = {0.3f, 0.05f, 0.9f, 0.6f};
        assertArrayEquals(new long[] {2, 3}, run(new Nms(0.05f, 0.5f, 2), boxes, scores, new int[] {0, 0, 0, 0}));
        assertArrayEquals(new long[0], run(new Nms(0.95f, 0.5f, 2), boxes, scores, new int[] {0, 0, 0, 0}));
        assertArrayEquals(new long[0], run(new Nms(0f, 0.5f, 2), new float[0], new float[0], new int[0]));
    }
}
