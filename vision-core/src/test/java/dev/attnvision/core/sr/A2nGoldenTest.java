package dev.attnvision.core.sr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.attnvision.attention.AttentionInAttentionBlock;
import dev.attnvision.attention.AttentionProbe;
import dev.attnvision.attention.AttentionRecorder;
import dev.attnvision.core.model.CheckpointImporter;
import dev.attnvision.core.model.CheckpointReader;
import dev.attnvision.core.testing.Npy;
import dev.attnvision.core.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A2N with the authors' released weights against the outputs of their PyTorch code for Set5 "bird": the float image
 * within 0.01 (of 0..255) everywhere, and the 16 blocks' branch weights within 1e-4.
 */
class A2nGoldenTest {
    static float[] readRgb(Path png, int[] size) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        size[0] = image.getHeight();
        size[1] = image.getWidth();
        float[] hwc = new float[size[0] * size[1] * 3];
        int i = 0;
        for (int y = 0; y < size[0]; y++) {
            for (int x = 0; x < size[1]; x++) {
                int rgb = image.getRGB(x, y);
                hwc[i++] = (rgb >> 16) & 0xff;
                hwc[i++] = (rgb >> 8) & 0xff;
                hwc[i++] = rgb & 0xff;
            }
        }
        return hwc;
    }

    /** The paper-size A2N of {@code scale} with the released weights {@code weights}, frozen for inference. */
    static A2n released(int scale, Path weights, NDManager manager) throws IOException {
        A2n net = A2n.builder().setConfig(A2nConfig.forScale(scale)).build();
        net.initialize(manager, DataType.FLOAT32, A2n.sampleInputShape());
        CheckpointImporter.load(net, CheckpointReader.read(weights), weights.toString());
        net.freezeParameters(true);
        return net;
    }

    @ParameterizedTest(name = "x{0}")
    @ValueSource(ints = {2, 3})
    void matchesTheOfficialCode(int scale) throws IOException {
        Path weights = SharedData.require("weights/a2n-official/aan_x" + scale + ".pt");
        Path input = SharedData.require("data/sr/Set5/LR_bicubic/X" + scale + "/birdx" + scale + ".png");
        Npy expected = Npy.read(SharedData.require("golden/a2n/bird_x" + scale + "_a2n_float.npy"));
        Npy expectedWeights = Npy.read(SharedData.require("golden/a2n/bird_x" + scale + "_branch_weights.npy"));
        try (NDManager manager = NDManager.newBaseManager()) {
            A2n net = released(scale, weights, manager);

            int[] size = new int[2];
            float[] hwc = readRgb(input, size);
            NDArray image = manager.create(hwc, new Shape(1, size[0], size[1], 3)).transpose(0, 3, 1, 2);
            AttentionRecorder recorder = new AttentionRecorder();
            NDArray out = net.forward(new ParameterStore(manager, false), new NDList(image), false,
                    AttentionProbe.params(recorder)).singletonOrThrow();

            assertTrue(MemoryLayout.isChannelsLast(out), "the output is not channels-last");
            assertArrayEquals(expected.shape(), new int[] {size[0] * scale, size[1] * scale, 3});
            float[] actual = out.transpose(0, 2, 3, 1).toFloatArray();
            double maxError = maxAbsDifference(expected.values(), actual);
            System.out.printf("A2N x%d golden: max abs error %.6f over %d values%n", scale, maxError, actual.length);
            assertTrue(maxError < 0.01, "max abs error " + maxError);

            List<AttentionRecorder.Recorded> branch = recorder.maps().stream()
                    .filter(r -> r.kind().equals(AttentionInAttentionBlock.PROBE_BRANCH_WEIGHTS)).toList();
            assertEquals(16, branch.size());
            float[] weightsSeen = new float[32];
            for (int b = 0; b < 16; b++) {
                assertEquals(new Shape(1, 2), branch.get(b).shape());
                System.arraycopy(branch.get(b).values(), 0, weightsSeen, 2 * b, 2);
            }
            double maxWeightError = maxAbsDifference(expectedWeights.values(), weightsSeen);
            System.out.printf("A2N x%d golden: branch weights max abs error %.2e%n", scale, maxWeightError);
            assertTrue(maxWeightError < 1e-4, "branch weights max abs error " + maxWeightError);
        }
    }

    private static double maxAbsDifference(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i] - actual[i]));
        }
        return max;
    }
}
