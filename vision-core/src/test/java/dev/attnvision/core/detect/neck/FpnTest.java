package dev.attnvision.core.detect.neck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;

class FpnTest {
    @Test
    void oddSizesAreCroppedAfterUpsamplingAndExtraLevelsHalveP5() {
        // C3 7x9, C4 4x5, C5 2x3: the top-down path crops 2x upsampled maps to 4x5 and 7x9
        Shape[] inputs = {new Shape(1, 6, 7, 9), new Shape(1, 10, 4, 5), new Shape(1, 12, 2, 3)};
        for (boolean aligned : new boolean[] {false, true}) {
            Fpn fpn = new Fpn(new FpnConfig(8, true, aligned), List.of(6, 10, 12));
            try (NDManager m = NDManager.newBaseManager()) {
                fpn.initialize(m, DataType.FLOAT32, inputs);
                NDList out = fpn.forward(new ParameterStore(m, false), new NDList(m.randomNormal(inputs[0]),
                        m.randomNormal(inputs[1]), m.randomNormal(inputs[2])), false);
                Shape[] expected = {new Shape(1, 8, 7, 9), new Shape(1, 8, 4, 5), new Shape(1, 8, 2, 3),
                    new Shape(1, 8, 1, 2), new Shape(1, 8, 1, 1)};
                assertArrayEquals(expected, out.getShapes());
                assertArrayEquals(expected, fpn.getOutputShapes(inputs));
            }
        }
        assertEquals(3, new FpnConfig(8, false, false).levels());
    }
}
