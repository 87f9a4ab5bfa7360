package dev.attnvision.core.sr;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import dev.attnvision.core.data.PairedSrDataset;
import dev.attnvision.core.data.degradation.BicubicDegradation;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.testing.TestImages;
import dev.attnvision.core.train.ProgressReporter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seconds per training iteration of the full A2N x2 (batch 16, 96 px HR patches, the A2N recipe) and, to show the
 * fixed cost of an iteration, of the same network on batch 2 of 12 px patches: wall time and process CPU time per
 * iteration after 2 warm-up iterations, without validation and checkpoints in between. Not part of the test run;
 * start it with
 * {@code mvn -B -ntp -q -pl vision-core -am test -Dtest=SrTrainingBenchmark -Dattnvision.benchmark=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "attnvision.benchmark", matches = "true")
class SrTrainingBenchmark {
    private static final int WARMUP = 2;
    private static final int MEASURED = 4;

    @TempDir Path dir;

    @Test
    void secondsPerIteration() throws Exception {
        List<Raster> images = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            images.add(TestImages.noise(200, 200, k));
        }
        System.out.printf("A2N x2 training, %d cores%n", Runtime.getRuntime().availableProcessors());
        for (int[] setting : new int[][] {{16, 96}, {2, 12}}) {
            measure(images, setting[0], setting[1]);
        }
    }

    private void measure(List<Raster> images, int batch, int patch) throws Exception {
        long total = WARMUP + MEASURED;
        SrTrainingConfig config = new SrTrainingConfig(2, BicubicDegradation.INSTANCE, patch, batch, total, 5e-4, SrTrainingConfig.Schedule.COSINE,
                0, 1000, 1, 1, 2, false, SrTrainingConfig.PixelLoss.L1);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[] wall = new long[(int) total + 1];
        long[] cpu = new long[(int) total + 1];
        try (Model model = Model.newInstance("a2n-x2")) {
            A2n network = A2n.builder().setConfig(A2nConfig.x2()).build();
            model.setBlock(network);
            network.initialize(model.getNDManager(), DataType.FLOAT32, A2n.sampleInputShape());
            SrTrainer trainer = new SrTrainer(model, config, new PairedSrDataset(images, BicubicDegradation.INSTANCE, 2, patch, batch, 1), Map.of(),
                    dir.resolve(batch + "x" + patch), Clock.systemUTC(), (n, b, s, m) -> {});
            wall[0] = System.nanoTime();
            cpu[0] = os.getProcessCpuTime();
            trainer.train(false, (start, end) -> new ProgressReporter() {
                @Override
                public void update(long done, String status) {
                    wall[(int) done] = System.nanoTime();
                    cpu[(int) done] = os.getProcessCpuTime();
                }

                @Override
                public void close() {}
            });
        }
        double wallPerIteration = (wall[(int) total] - wall[WARMUP]) / 1e9 / MEASURED;
        double cpuPerIteration = (cpu[(int) total] - cpu[WARMUP]) / 1e9 / MEASURED;
        System.out.printf("batch %2d, patch %3d: %.2f s/it wall, %.2f s/it CPU (warm-up iterations: %.2f s wall)%n",
                batch, patch, wallPerIteration, cpuPerIteration, (wall[WARMUP] - wall[0]) / 1e9);
    }
}
