package dev.attnvision.core.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.attnvision.core.detect.anchor.AnchorConfig;
import dev.attnvision.core.detect.anchor.AnchorGenerator;
import dev.attnvision.core.detect.head.HarRetinaHead;
import dev.attnvision.core.detect.neck.FpnConfig;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SingleStageDetectorTest {
    private static final List<String> CLASSES = List.of("a", "b", "c");

    /** Forward of a channels-last (B, 3, H, W) view of seeded noise. */
    private static NDList forward(SingleStageDetector detector, NDManager m, int batch, int h, int w) {
        detector.initialize(m, DataType.FLOAT32, new Shape(batch, 3, h, w));
        NDArray nhwc = m.randomUniform(0, 1, new Shape(batch, h, w, 3));
        return detector.forward(new ParameterStore(m, false), new NDList(nhwc.transpose(0, 3, 1, 2)), false);
    }

    @Test
    void attentionDetectorGivesBothHeadsOneRowPerAnchor() {
        DetectorConfig config = DetectorConfig.harNet(CLASSES);
        SingleStageDetector detector = new SingleStageDetector(config);
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(1);
            NDList out = forward(detector, m, 2, 48, 32);
            long anchors = Arrays.stream(new AnchorGenerator(config.anchors()).anchorsPerLevel(48, 32)).sum();
            assertEquals(4, out.size());
            assertEquals(new Shape(2, anchors, 3), out.get(0).getShape());
            assertEquals(new Shape(2, anchors, 4), out.get(1).getShape());
            assertEquals(out.get(0).getShape(), out.get(2).getShape());
            assertEquals(out.get(1).getShape(), out.get(3).getShape());
            assertEquals(Arrays.asList(detector.getOutputShapes(new Shape[] {new Shape(2, 3, 48, 32)})),
                    out.getShapes().length == 4 ? Arrays.asList(out.getShapes()) : List.of());
            for (NDArray a : out) {
                assertTrue(a.isInfinite().logicalOr(a.isNaN()).none().getBoolean(), "finite outputs");
            }
            // the classification bias prior: sigmoid(logit) starts near 0.01 everywhere
            NDList averaged = HarRetinaHead.averageHeads(out);
            float meanProbability = ai.djl.nn.Activation.sigmoid(averaged.get(0)).mean().getFloat();
            assertEquals(0.01f, meanProbability, 0.005f);
        }
    }

    @Test
    void baselineHasOnlyThePlainHeadAndThreeLevelsWork() {
        DetectorConfig base = DetectorConfig.baseline(CLASSES);
        DetectorConfig threeLevels = new DetectorConfig(CLASSES, base.backbone(), new FpnConfig(32, false, false),
                new dev.attnvision.core.detect.head.HeadConfig(32, 1, 8, false, false, 0.01f),
                AnchorConfig.retinaNet(List.of(8, 16, 32)));
        try (NDManager m = NDManager.newBaseManager()) {
            NDList out = forward(new SingleStageDetector(threeLevels), m, 1, 64, 64);
            assertEquals(2, out.size());
            assertEquals(new Shape(1, (64 + 16 + 4) * 9, 3), out.get(0).getShape());
            assertEquals(2, forward(new SingleStageDetector(base), m, 1, 64, 64).size());
        }
    }

    @Test
    void mismatchedLevelsAreRejected() {
        DetectorConfig base = DetectorConfig.baseline(CLASSES);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DetectorConfig(CLASSES,
                base.backbone(), new FpnConfig(64, false, false), base.head(), AnchorConfig.retinaNet()));
        assertTrue(e.getMessage().contains("strides [8, 16, 32]"), e.getMessage());
    }
}
