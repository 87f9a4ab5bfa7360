package dev.attnvision.core.sr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import dev.attnvision.core.data.PairedSrDataset;
import dev.attnvision.core.data.degradation.BicubicDegradation;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.testing.TestImages;
import dev.attnvision.core.train.ProgressReporter;
import dev.attnvision.core.train.TrainingLog;
import dev.attnvision.core.train.TrainingState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SrTrainerTest {
    @TempDir Path dir;

    /** A2N with 4 features, 4 upsampling features and one attention-in-attention block. */
    private static Model tinyModel() {
        A2n network = A2n.builder().setConfig(new A2nConfig(2, 4, 4, 1)).build();
        Model model = Model.newInstance("tiny-a2n");
        model.setBlock(network);
        network.initialize(model.getNDManager(), DataType.FLOAT32, A2n.sampleInputShape());
        return model;
    }

    private static SrTrainingConfig config(long iterations) {
        return new SrTrainingConfig(2, BicubicDegradation.INSTANCE, 16, 2, iterations, 1e-3, SrTrainingConfig.Schedule.COSINE, 2, 2, 1, 42, 2);
    }

    private static PairedSrDataset data() {
        return new PairedSrDataset(List.of(TestImages.noise(40, 36, 1), TestImages.noise(32, 32, 2)), BicubicDegradation.INSTANCE, 2, 16, 2, 42);
    }

    private static ProgressReporter.Factory silent() {
        return (start, total) -> new ProgressReporter() {
            @Override
            public void update(long done, String status) {}

            @Override
            public void close() {}
        };
    }

    @Test
    void trainsAndWritesLogPlotCheckpointAndModels() throws Exception {
        List<String> exported = new ArrayList<>();
        try (Model model = tinyModel()) {
            SrTrainer trainer = new SrTrainer(model, config(3), data(), Map.of("noise", TestImages.noise(24, 24, 9)), dir,
                    Clock.systemUTC(), (name, net, state, metrics) -> exported.add(name + "@" + state.iteration()));
            TrainingState end = trainer.train(false, silent());
            assertEquals(3, end.iteration());
            assertEquals(List.of("iteration,loss,lr,seconds,psnr,ssim"),
                    Files.readAllLines(dir.resolve("train.csv")).subList(0, 1));
            List<TrainingLog.Row> rows = new TrainingLog(dir.resolve("train.csv"), SrTrainer.METRICS).read();
            assertEquals(List.of(1L, 2L, 3L), rows.stream().map(TrainingLog.Row::iteration).toList());
            assertTrue(rows.get(1).metrics().get("psnr") > 0);
            assertTrue(Files.isRegularFile(dir.resolve("train.png")));
            assertTrue(Files.isRegularFile(dir.resolve("checkpoints/iter-00000003/parameters.bin")));
            assertEquals("last@3", exported.get(exported.size() - 1));
            assertTrue(exported.contains("best@2"));
        }
    }

    @Test
    void resumingAfterAnInterruptionContinuesTheSameLossTrajectory() throws Exception {
        Path straight = dir.resolve("straight");
        try (Model model = tinyModel()) {
            new SrTrainer(model, config(5), data(), Map.of(), straight, Clock.systemUTC(), (n, b, s, m) -> {})
                    .train(false, silent());
        }
        Path interrupted = dir.resolve("interrupted");
        try (Model model = tinyModel()) {
            SrTrainer trainer = new SrTrainer(model, config(5), data(), Map.of(), interrupted, Clock.systemUTC(),
                    (n, b, s, m) -> {});
            ProgressReporter.Factory crashAtThree = (start, total) -> new ProgressReporter() {
                @Override
                public void update(long done, String status) {
                    if (done == 3) {
                        throw new IllegalStateException("simulated crash");
                    }
                }

                @Override
                public void close() {}
            };
            assertThrows(IllegalStateException.class, () -> trainer.train(false, crashAtThree));
        }
        try (Model model = tinyModel()) {
            TrainingState end = new SrTrainer(model, config(5), data(), Map.of(), interrupted, Clock.systemUTC(),
                    (n, b, s, m) -> {}).train(true, silent());
            assertEquals(5, end.iteration());
        }
        List<TrainingLog.Row> a = new TrainingLog(straight.resolve("train.csv"), SrTrainer.METRICS).read();
        List<TrainingLog.Row> b = new TrainingLog(interrupted.resolve("train.csv"), SrTrainer.METRICS).read();
        assertEquals(a.stream().map(TrainingLog.Row::iteration).toList(),
                b.stream().map(TrainingLog.Row::iteration).toList());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).loss(), b.get(i).loss(), 1e-5 * a.get(i).loss(), "loss at row " + i);
            assertEquals(a.get(i).lr(), b.get(i).lr(), 1e-12);
        }
        assertTrue(a.get(4).loss() != a.get(0).loss(), "the network is learning");
    }

    @Test
    void nativeArraysDoNotAccumulateOverIterations() throws Exception {
        List<Integer> counts = new ArrayList<>();
        try (Model model = tinyModel()) {
            SrTrainer trainer = new SrTrainer(model, config(6), data(), Map.of("noise", TestImages.noise(24, 24, 9)), dir,
                    Clock.systemUTC(), (n, b, s, m) -> {});
            trainer.train(false, (start, total) -> new ProgressReporter() {
                @Override
                public void update(long done, String status) {
                    counts.add(model.getNDManager().getManagedArrays().size());
                }

                @Override
                public void close() {}
            });
        }
        // the first iteration creates gradients and Adam's moments; after that every iteration (with or without
        // validation) must leave the model's manager as it found it
        assertEquals(List.of(counts.get(1), counts.get(1), counts.get(1), counts.get(1), counts.get(1)),
                counts.subList(1, 6), counts.toString());
    }
}
