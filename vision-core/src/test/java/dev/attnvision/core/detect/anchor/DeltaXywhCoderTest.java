package dev.attnvision.core.detect.anchor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class DeltaXywhCoderTest {
    private static final float[] ANCHORS = {0, 0, 10, 20, 5, 5, 15, 15};
    private static final float[] BOXES = {2, 4, 22, 24, 0, 0, 5, 40};

    @Test
    void encodesCentreOffsetsAndLogRatiosNormalisedByMeansAndStds() {
        DeltaXywhCoder coder = new DeltaXywhCoder(new float[] {0, 0, 0, 0}, new float[] {0.1f, 0.1f, 0.2f, 0.2f}, 4f);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray deltas = coder.encode(m.create(ANCHORS, new Shape(2, 4)), m.create(BOXES, new Shape(2, 4)));
            // anchor 1: centre (5, 10), size 10x20; box 1: centre (12, 14), size 20x20
            // anchor 2: centre (10, 10), size 10x10; box 2: centre (2.5, 20), size 5x40
            float[] expected = {
                0.7f / 0.1f, 0.2f / 0.1f, (float) Math.log(2) / 0.2f, 0f,
                -0.75f / 0.1f, 1f / 0.1f, (float) Math.log(0.5) / 0.2f, (float) Math.log(4) / 0.2f};
            assertArrayEquals(expected, deltas.toFloatArray(), 1e-4f);
        }
    }

    @Test
    void decodeInvertsEncode() {
        DeltaXywhCoder coder = new DeltaXywhCoder(new float[] {0.1f, -0.1f, 0f, 0.2f}, new float[] {0.1f, 0.1f, 0.2f, 0.2f},
                DeltaXywhCoder.DEFAULT_MAX_RATIO);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray anchors = m.create(ANCHORS, new Shape(2, 4));
            NDArray back = coder.decode(anchors, coder.encode(anchors, m.create(BOXES, new Shape(2, 4))));
            assertArrayEquals(BOXES, back.toFloatArray(), 1e-4f);
        }
    }

    @Test
    void decodeClampsTheLogSizeRatio() {
        DeltaXywhCoder coder = new DeltaXywhCoder(new float[4], new float[] {1, 1, 1, 1}, 2f);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray boxes = coder.decode(m.create(new float[] {0, 0, 10, 10}, new Shape(1, 4)),
                    m.create(new float[] {0, 0, 50, -50}, new Shape(1, 4)));
            float w = (float) (10 * Math.exp(2));
            float h = (float) (10 * Math.exp(-2));
            assertArrayEquals(new float[] {5 - w / 2, 5 - h / 2, 5 + w / 2, 5 + h / 2}, boxes.toFloatArray(), 1e-4f);
        }
    }
}
