package dev.attnvision.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConstantsTest {

    @Test
    void scalarTakesTheTypeAndManagerOfItsModel() {
        try (NDManager m = BlockTestKit.newManager()) {
            NDArray like = m.zeros(new Shape(2, 3), DataType.FLOAT64);
            NDArray scalar = Constants.scalar(like, 0.25);
            assertEquals(new Shape(), scalar.getShape());
            assertEquals(DataType.FLOAT64, scalar.getDataType());
            assertEquals(m, scalar.getManager());
            assertEquals(0.25, scalar.getDouble());
        }
    }

    @Test
    void operandsClosedBeforeBackwardKeepTheirValuesThroughAGarbageCollection() {
        try (NDManager m = BlockTestKit.newManager()) {
            NDArray x = m.create(new float[] {1f, -2f, 3f});
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y;
                try (NDManager scope = m.newSubManager()) {
                    x.tempAttach(scope);
                    NDArray quotient = x.div(Constants.scalar(x, 4));
                    y = quotient.mul(Constants.vector(scope, new float[] {1f, 2f, 3f})).sum();
                    y.attach(m);
                }
                List<ByteBuffer> poison = BlockTestKit.overwriteReleasedJavaBuffers();
                collector.backward(y);
                Reference.reachabilityFence(poison);
            }
            assertArrayEquals(new float[] {0.25f, 0.5f, 0.75f}, x.getGradient().toFloatArray());
        }
    }
}
