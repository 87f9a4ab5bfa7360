package dev.attnvision.core.detect.backbone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeResNetTest {
    @Test
    void givesC3ToC5AtStrides8To32WithCeilingSizes() {
        SeResNetConfig config = new SeResNetConfig(4, List.of(4, 8, 8, 16), List.of(1, 2, 1, 1), true, 4, true, true,
                2);
        for (SeResNetConfig variant : List.of(config, config.withoutAttention())) {
            SeResNet net = new SeResNet(variant);
            try (NDManager m = NDManager.newBaseManager()) {
                Shape input = new Shape(2, 3, 50, 33);
                net.initialize(m, DataType.FLOAT32, input);
                NDList out = net.forward(new ParameterStore(m, false),
                        new NDList(m.randomNormal(new Shape(2, 50, 33, 3)).transpose(0, 3, 1, 2)), false);
                Shape[] expected = {new Shape(2, 8, 7, 5), new Shape(2, 8, 4, 3), new Shape(2, 16, 2, 2)};
                assertArrayEquals(expected, out.getShapes());
                assertArrayEquals(expected, net.getOutputShapes(new Shape[] {input}));
            }
        }
    }

    @Test
    void selfAttentionHeadsMustDivideTheLastWidth() {
        assertThrows(IllegalArgumentException.class, () -> new SeResNetConfig(4, List.of(4, 8, 8, 15),
                List.of(1, 1, 1, 1), true, 4, false, true, 2));
    }
}
