package dev.attnvision.core.detect.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.attnvision.core.data.BoxLabel;
import dev.attnvision.core.detect.anchor.DeltaXywhCoder;
import dev.attnvision.core.detect.anchor.AtssAssigner;
import dev.attnvision.core.detect.anchor.MaxIouAssigner;
import dev.attnvision.core.detect.anchor.TaskAlignedAssigner;
import dev.attnvision.attention.BlockTestKit;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DetectionLossTest {
    private static final double LN2 = Math.log(2);
    // IoU with the object (0,0,10,10): 1 (positive), 0 (negative), 0.45 (ignored)
    private static final float[] ANCHORS = {0, 0, 10, 10, 20, 20, 30, 30, 0, 0, 10, 4.5f};
    private static final List<BoxLabel> ONE_OBJECT = List.of(new BoxLabel(0, 0, 10, 10, 1));

    @Test
    void focalOverNonIgnoredAnchorsAndBoxLossOverPositivesPerPositive() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray anchors = m.create(ANCHORS, new Shape(3, 4));
            NDArray deltas = anchorZeroMovedRight(m);
            DetectionLoss.Terms terms = DetectionLoss.retinaNet().compute(m.zeros(new Shape(1, 3, 2)), deltas,
                    anchors, List.of(ONE_OBJECT));
            // logits 0, p = 1/2: positive anchor 0.75/4 + 0.25/4, negative anchor 2 x 0.75/4, all times ln 2
            assertEquals(0.625 * LN2, terms.classification().getFloat(), 1e-6);
            assertEquals(0.5 - 0.055, terms.box().getFloat(), 1e-6);
        }
    }

    @Test
    void anImageWithoutObjectsAddsNegativesButNoPositives() {
        try (NDManager m = NDManager.newBaseManager()) {
            DetectionLoss.Terms terms = DetectionLoss.retinaNet().compute(m.zeros(new Shape(2, 3, 2)),
                    m.zeros(new Shape(2, 3, 4)), m.create(ANCHORS, new Shape(3, 4)), List.of(ONE_OBJECT, List.of()));
            assertEquals((0.625 + 6 * 0.1875) * LN2, terms.classification().getFloat(), 1e-6);
            assertEquals(0, terms.box().getFloat(), 1e-7);
        }
    }

    @Test
    void crowdBoxesIgnoreTheAnchorsTheyCover() {
        try (NDManager m = NDManager.newBaseManager()) {
            List<BoxLabel> withCrowd = List.of(ONE_OBJECT.get(0), new BoxLabel(15, 15, 35, 35, 0, true));
            DetectionLoss.Terms terms = DetectionLoss.retinaNet().compute(m.zeros(new Shape(1, 3, 2)),
                    m.zeros(new Shape(1, 3, 4)), m.create(ANCHORS, new Shape(3, 4)), List.of(withCrowd));
            assertEquals(0.25 * LN2, terms.classification().getFloat(), 1e-6);
        }
    }

    @Test
    void giouVariantAndHeadPairsSum() {
        DetectionLoss giou = new DetectionLoss(MaxIouAssigner.retinaNet(), DeltaXywhCoder.retinaNet(),
                FocalLoss.retinaNet(), null, new GiouLoss());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray anchors = m.create(ANCHORS, new Shape(3, 4));
            NDArray deltas = anchorZeroMovedRight(m); // GIoU with the object 1/3
            DetectionLoss.Terms terms = giou.compute(m.zeros(new Shape(1, 3, 2)), deltas, anchors,
                    List.of(ONE_OBJECT));
            assertEquals(1 - 1.0 / 3, terms.box().getFloat(), 1e-5);
            NDArray twoHeads = giou.totalOverHeads(new NDList(m.zeros(new Shape(1, 3, 2)), deltas,
                    m.zeros(new Shape(1, 3, 2)), m.zeros(new Shape(1, 3, 4))), anchors, List.of(ONE_OBJECT));
            assertEquals(2 * 0.625 * LN2 + 2.0 / 3, twoHeads.getFloat(), 1e-5);
        }
    }

    @Test
    void varifocalTargetsAreTheIoUOfEachPositiveAnchorsDecodedBox() {
        DetectionLoss varifocal = DetectionLoss.retinaNet().withIouLoss(GiouLoss.atss())
                .withClassification(VarifocalLoss.varifocalNet());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray anchors = m.create(ANCHORS, new Shape(3, 4));
            NDArray deltas = anchorZeroMovedRight(m); // IoU with the object 1/3
            DetectionLoss.Terms terms = varifocal.compute(m.zeros(new Shape(1, 3, 2)), deltas, anchors,
                    List.of(ONE_OBJECT));
            // p = 1/2 everywhere. Positive anchor 0, class 1: q = 1/3, -q (q ln p + (1 - q) ln (1 - p)) = q ln 2;
            // its class 0 and both classes of the negative anchor 1: 0.75 x 0.5^2 x ln 2 each; anchor 2 is ignored
            assertEquals((1.0 / 3 + 3 * 0.1875) * LN2, terms.classification().getFloat(), 1e-5);
            assertEquals(2 * (1 - 1.0 / 3), terms.box().getFloat(), 1e-5, "GIoU at ATSS's weight 2");
        }
    }

    @Test
    void taskAlignedTargetsReplaceTheIouAndWeightTheBoxLoss() {
        DetectionLoss aligned = DetectionLoss.retinaNet().withIouLoss(GiouLoss.atss())
                .withClassification(VarifocalLoss.varifocalNet()).withAssigner(taskAligned());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray anchors = m.create(ANCHORS, new Shape(3, 4));
            NDArray deltas = anchorZeroMovedRight(m);
            // p = 1/2; anchor 0 predicts IoU 1/3, anchor 2 (also centred inside the object) its own box, IoU 0.45:
            // 0.5 x 0.45^6 > 0.5 x (1/3)^6, so with one positive per object anchor 2 is it, t_hat = 0.45
            DetectionLoss.Terms terms = aligned.compute(m.zeros(new Shape(1, 3, 2)), deltas, anchors,
                    List.of(ONE_OBJECT));
            assertEquals((0.45 + 5 * 0.1875) * LN2, terms.classification().getFloat(), 1e-5);
            // GIoU = IoU = 0.45 (the anchor lies inside the object): weight 2 x t_hat (1 - 0.45), divided by the sum
            // of t_hat, at least 1 (as mmdetection clamps it)
            assertEquals(2 * 0.45 * 0.55, terms.box().getFloat(), 1e-5);
        }
    }

    /** Task-aligned assignment of one positive per object over the three anchors. */
    private static TaskAlignedAssigner taskAligned() {
        return new TaskAlignedAssigner(new AtssAssigner(new int[] {3}, 1, 9, 0.5f), 1, 1, 6, 0.5f);
    }

    @ParameterizedTest(name = "CIoU box loss, varifocal, task-aligned: {0}")
    @ValueSource(booleans = {false, true})
    void gradientsSurviveAGarbageCollectionBeforeBackward(boolean quality) {
        DetectionLoss loss = quality ? DetectionLoss.retinaNet().withIouLoss(DistanceIouLoss.ciou(2))
                .withClassification(VarifocalLoss.varifocalNet()).withAssigner(taskAligned()) : DetectionLoss.retinaNet();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray anchors = m.create(ANCHORS, new Shape(3, 4));
            float[][] undisturbed = inputGradients(loss, anchors, false);
            float[][] collected = inputGradients(loss, anchors, true);
            BlockTestKit.assertEqualUpToRounding(undisturbed[0], collected[0], "class logit gradients");
            BlockTestKit.assertEqualUpToRounding(undisturbed[1], collected[1], "box delta gradients");
        }
    }

    /** Box deltas (1, 3, 4) that move anchor 0 by half its width, 5 px, to the right and leave the others. */
    private static NDArray anchorZeroMovedRight(NDManager m) {
        NDArray deltas = m.zeros(new Shape(1, 3, 4));
        deltas.set(new ai.djl.ndarray.index.NDIndex("0, 0, 0"), 0.5f);
        return deltas;
    }

    private static float[][] inputGradients(DetectionLoss loss, NDArray anchors, boolean collect) {
        try (NDManager scope = anchors.getManager().newSubManager()) {
            NDArray logits = scope.create(new float[] {0.3f, -0.2f, 0.1f, 0.4f, -0.5f, 0.2f}, new Shape(1, 3, 2));
            NDArray deltas = scope.create(new float[] {0.5f, 0.1f, -0.2f, 0.3f, 0, 0, 0, 0, 0, 0, 0, 0},
                    new Shape(1, 3, 4));
            logits.setRequiresGradient(true);
            deltas.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray total = loss.compute(logits, deltas, anchors, List.of(ONE_OBJECT)).total();
                List<ByteBuffer> poison = collect ? BlockTestKit.overwriteReleasedJavaBuffers() : List.of();
                collector.backward(total);
                Reference.reachabilityFence(poison);
            }
            return new float[][] {logits.getGradient().toFloatArray(), deltas.getGradient().toFloatArray()};
        }
    }
}
