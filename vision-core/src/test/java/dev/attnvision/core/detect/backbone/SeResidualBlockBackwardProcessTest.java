package dev.attnvision.core.detect.backbone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forward and backward of a stride-2 block with an 8-channel channels-last input of 64 x 64, the shape of the tiny
 * detector's first stage at 128 px. A stride-2 1x1 shortcut convolution made oneDNN's 1x1 backward-weights kernel
 * corrupt memory there and abort the JVM, so the passes run in a child JVM whose exit status is checked.
 */
class SeResidualBlockBackwardProcessTest {

    @Test
    void strideTwoBlockOnEightChannelsLastTrainsWithoutCrashing(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("child.log");
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                Child.class.getName())).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // only a hang guard: the passes take seconds, and a busy machine must not fail them
        boolean finished = process.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        assertTrue(finished, "child JVM still running after 10 min");
        assertEquals(0, process.exitValue(), () -> "child JVM failed:\n" + readLog(log));
    }

    private static String readLog(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** The child JVM: ten training passes of the block on (8, 8, 64, 64) channels-last inputs. */
    static final class Child {
        public static void main(String[] args) {
            SeResidualBlock block = new SeResidualBlock(8, 8, 2, 4, false);
            try (NDManager manager = NDManager.newBaseManager()) {
                block.initialize(manager, DataType.FLOAT32, new Shape(8, 8, 64, 64));
                ParameterStore store = new ParameterStore(manager, false);
                for (int pass = 0; pass < 10; pass++) {
                    try (NDManager scope = manager.newSubManager();
                            GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray x = scope.randomNormal(new Shape(8, 64, 64, 8)).transpose(0, 3, 1, 2);
                        x.setRequiresGradient(true);
                        NDArray y = block.forward(store, new NDList(x), true).singletonOrThrow();
                        if (!y.getShape().equals(new Shape(8, 8, 32, 32))) {
                            throw new IllegalStateException("output shape " + y.getShape());
                        }
                        collector.backward(y.square().sum());
                    }
                }
            }
        }
    }
}
