package dev.attnvision.core.detect;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.attnvision.core.data.LabeledImage;
import dev.attnvision.core.data.synth.SceneConfig;
import dev.attnvision.core.data.synth.SyntheticSceneGenerator;
import dev.attnvision.core.detect.anchor.AnchorConfig;
import dev.attnvision.core.detect.anchor.AnchorGenerator;
import dev.attnvision.core.detect.backbone.SeResNetConfig;
import dev.attnvision.core.detect.head.HeadConfig;
import dev.attnvision.core.detect.loss.DetectionLoss;
import dev.attnvision.core.detect.neck.FpnConfig;
import dev.attnvision.attention.BlockTestKit;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The parts fit together: gradients reach the attention modules and a few SGD steps lower the loss. */
class DetectorTrainingStepTest {
    @Test
    void sgdStepsOnASyntheticSceneLowerTheLossOfBothHeads() {
        SyntheticSceneGenerator scenes = new SyntheticSceneGenerator(new SceneConfig(64, 64, 2, 3, 12, 40, 0.3, 10, 3,
                false, true));
        LabeledImage scene = scenes.generate(new Random(5));
        DetectorConfig config = new DetectorConfig(scenes.classNames(),
                new SeResNetConfig(8, List.of(8, 16, 16, 16), List.of(1, 1, 1, 1), true, 4, true, true, 2),
                new FpnConfig(16, false, true), new HeadConfig(16, 1, 4, true, true, 0.01f),
                AnchorConfig.retinaNet(List.of(8, 16, 32)));
        SingleStageDetector detector = new SingleStageDetector(config);
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(3);
            detector.initialize(m, DataType.FLOAT32, new Shape(1, 3, 64, 64));
            NDArray image = m.create(scene.image().floats(), new Shape(1, 64, 64, 3)).div(255f).transpose(0, 3, 1, 2);
            NDArray anchors = new AnchorGenerator(config.anchors()).generate(m, 64, 64);
            DetectionLoss loss = DetectionLoss.retinaNet();
            ParameterStore store = new ParameterStore(m, false);
            List<Float> losses = new ArrayList<>();
            for (int step = 0; step < 4; step++) {
                try (NDManager scope = m.newSubManager(); GradientCollector collector =
                        Engine.getInstance().newGradientCollector()) {
                    image.tempAttach(scope);
                    NDList outputs = detector.forward(store, new NDList(image), true);
                    NDArray total = loss.totalOverHeads(outputs, anchors, List.of(scene.boxes()));
                    losses.add(total.getFloat());
                    // freed Java buffers hold NaN now: operands autograd kept must not live in them
                    List<ByteBuffer> poison = BlockTestKit.overwriteReleasedJavaBuffers();
                    collector.backward(total);
                    Reference.reachabilityFence(poison);
                }
                for (Pair<String, Parameter> p : detector.getParameters()) {
                    if (!p.getValue().requiresGradient()) {
                        continue; // batch-norm running statistics
                    }
                    NDArray w = p.getValue().getArray();
                    NDArray grad = w.getGradient();
                    assertTrue(Float.isFinite(grad.abs().sum().getFloat()), "gradient of " + p.getKey() + " at step "
                            + step + " is not finite");
                    assertTrue(step > 0 || !p.getKey().contains("attention") || grad.abs().sum().getFloat() > 0
                            || p.getKey().contains("conv_offset"), "no gradient reaches " + p.getKey());
                    w.subi(grad.mul(0.02f));
                    grad.muli(0f);
                }
            }
            for (int i = 1; i < losses.size(); i++) {
                assertTrue(losses.get(i) < losses.get(i - 1), "the loss should fall at every step: " + losses);
            }
        }
    }
}
