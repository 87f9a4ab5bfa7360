package dev.attnvision.core.detect.postprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.attnvision.core.data.transform.LetterboxTransform;
import dev.attnvision.core.detect.Detection;
import dev.attnvision.core.detect.anchor.DeltaXywhCoder;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionDecoderTest {
    private static float sigmoid(double x) {
        return (float) (1 / (1 + Math.exp(-x)));
    }

    private static void assertDetections(List<Detection> expected, List<Detection> actual) {
        assertEquals(expected.size(), actual.size(), () -> "got " + actual);
        for (int i = 0; i < expected.size(); i++) {
            Detection e = expected.get(i);
            Detection a = actual.get(i);
            assertArrayEquals(new float[] {e.x1(), e.y1(), e.x2(), e.y2(), e.score(), e.classId()},
                    new float[] {a.x1(), a.y1(), a.x2(), a.y2(), a.score(), a.classId()}, 1e-4f, "detection " + i);
        }
    }

    @Test
    void decodesSuppressesAndUndoesTheLetterbox() {
        // a 200x100 image letterboxed onto a 100x100 canvas: scale 0.5, 25 rows of padding above
        LetterboxTransform letterbox = LetterboxTransform.fit(200, 100, 100, 100);
        assertEquals(25, letterbox.padTop());
        float[] anchors = {10, 10, 30, 30, 12, 12, 32, 32, 60, 60, 80, 80, 10, 0, 30, 20};
        float[] logits = {-10, 3, -10, 2, 1, -10, 0.5f, -10};
        float[] deltas = new float[16];
        deltas[8] = 0.5f; // anchor 2 moves right by half its width
        DetectionDecoder decoder = new DetectionDecoder(DeltaXywhCoder.retinaNet(), 1000, new Nms(0.05f, 0.5f, 100));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(anchors, new Shape(4, 4));
            List<Detection> detections = decoder.decode(m.create(logits, new Shape(4, 2)),
                    m.create(deltas, new Shape(4, 4)), a, letterbox);
            // anchor 1 is suppressed by anchor 0; anchor 3 lies in the padding and is dropped
            assertDetections(List.of(new Detection(20, 0, 60, 10, sigmoid(3), 1),
                    new Detection(140, 70, 180, 100, sigmoid(1), 0)), detections);
            List<List<Detection>> batch = decoder.decodeBatch(m.create(logits, new Shape(1, 4, 2)),
                    m.create(deltas, new Shape(1, 4, 4)), a, List.of(letterbox));
            assertEquals(List.of(detections), batch);
        }
    }

    @Test
    void preNmsTopKLimitsTheCandidates() {
        DetectionDecoder decoder = new DetectionDecoder(DeltaXywhCoder.retinaNet(), 1, new Nms(0.05f, 0.5f, 100));
        try (NDManager m = NDManager.newBaseManager()) {
            List<Detection> detections = decoder.decode(m.create(new float[] {1, 2}, new Shape(2, 1)),
                    m.zeros(new Shape(2, 4)),
                    m.create(new float[] {0, 0, 10, 10, 50, 50, 60, 60}, new Shape(2, 4)),
                    LetterboxTransform.identity(100, 100));
            assertDetections(List.of(new Detection(50, 50, 60, 60, sigmoid(2), 0)), detections);
        }
    }
}
