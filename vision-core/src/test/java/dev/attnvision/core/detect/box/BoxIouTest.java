package dev.attnvision.core.detect.box;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class BoxIouTest {
    @Test
    void pairwiseIouAndIofMatchHandValues() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {0, 0, 10, 10, 5, 5, 7, 7, 3, 3, 3, 9}, new Shape(3, 4));
            NDArray b = m.create(new float[] {5, 0, 15, 10, 100, 100, 101, 101}, new Shape(2, 4));
            NDArray iou = BoxIou.pairwise(a, b);
            assertEquals(new Shape(3, 2), iou.getShape());
            // 50 / 150; 0; box 2 inside box b0 (area 4): 4 / 100; 0; empty box: 0, 0
            assertArrayEquals(new float[] {1 / 3f, 0, 0.04f, 0, 0, 0}, iou.toFloatArray(), 1e-6f);
            NDArray iof = BoxIou.pairwiseForeground(a, b);
            assertArrayEquals(new float[] {0.5f, 0, 1, 0, 0, 0}, iof.toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {100, 4, 0}, BoxIou.area(a).toFloatArray());
        }
    }

    @Test
    void alignedIouPairsRowsAndRefusesUnequalCounts() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {0, 0, 10, 10, 5, 5, 7, 7, 3, 3, 3, 9}, new Shape(3, 4));
            NDArray b = m.create(new float[] {5, 0, 15, 10, 5, 5, 7, 7, 0, 0, 10, 10}, new Shape(3, 4));
            // 50 / 150; the same box; an empty box
            assertArrayEquals(new float[] {1 / 3f, 1, 0}, BoxIou.aligned(a, b).toFloatArray(), 1e-6f);
            assertThrows(IllegalArgumentException.class, () -> BoxIou.aligned(a, b.get("0:2")));
        }
    }
}
