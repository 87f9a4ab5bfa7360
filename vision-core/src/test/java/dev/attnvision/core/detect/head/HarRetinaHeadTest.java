package dev.attnvision.core.detect.head;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class HarRetinaHeadTest {
    @Test
    void flattensEveryLevelInCellThenAnchorOrderForBothHeads() {
        HarRetinaHead head = new HarRetinaHead(new HeadConfig(8, 1, 4, true, true, 0.01f), 2, 3, 2);
        try (NDManager m = NDManager.newBaseManager()) {
            Shape[] levels = {new Shape(2, 8, 4, 5), new Shape(2, 8, 2, 3)};
            head.initialize(m, DataType.FLOAT32, levels);
            NDList out = head.forward(new ParameterStore(m, false),
                    new NDList(m.randomNormal(levels[0]), m.randomNormal(levels[1])), false);
            long n = (4 * 5 + 2 * 3) * 2;
            assertEquals(4, out.size());
            assertEquals(new Shape(2, n, 3), out.get(0).getShape());
            assertEquals(new Shape(2, n, 4), out.get(3).getShape());
        }
    }

    @Test
    void inferenceAveragesThePlainAndTheAttentionHead() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList averaged = HarRetinaHead.averageHeads(new NDList(m.create(new float[] {1, 2}),
                    m.create(new float[] {4}), m.create(new float[] {3, -2}), m.create(new float[] {0})));
            assertArrayEquals(new float[] {2, 0}, averaged.get(0).toFloatArray());
            assertArrayEquals(new float[] {2}, averaged.get(1).toFloatArray());
        }
    }
}
