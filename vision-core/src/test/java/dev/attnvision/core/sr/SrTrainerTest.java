package dev.attnvision.core.sr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.attnvision.attention.ParameterPaths;
import ai.djl.ndarray.types.DataType;
import dev.attnvision.core.data.PairedSrDataset;
import dev.attnvision.core.data.degradation.BicubicDegradation;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.testing.TestImages;
import dev.attnvision.core.train.ParameterTransfer;
import dev.attnvision.core.train.ProgressReporter;
import dev.attnvision.core.train.SeededInitialization;
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
        return config(iterations, false);
    }

    private static SrTrainingConfig config(long iterations, boolean averageWeights) {
        return new SrTrainingConfig(2, BicubicDegradation.INSTANCE, 16, 2, iterations, 1e-3,
                SrTrainingConfig.Schedule.COSINE, 2, 2, 1, 42, 2, averageWeights, SrTrainingConfig.PixelLoss.L1);
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

    /** Progress that stops training with an exception once {@code iteration} is done, as a crash would. */
    private static ProgressReporter.Factory crashingAt(long iteration) {
        return (start, total) -> new ProgressReporter() {
            @Override
            public void update(long done, String status) {
                if (done == iteration) {
                    throw new IllegalStateException("simulated crash");
                }
            }

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
            assertEquals(List.of("iteration,loss,lr,seconds,psnr,ssim,psnr_last"),
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
            assertThrows(IllegalStateException.class, () -> trainer.train(false, crashingAt(3)));
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
    void theAverageIsValidatedExportedAndResumedWithTheRun() throws Exception {
        Map<String, Raster> validation = Map.of("noise", TestImages.noise(24, 24, 9));
        Path straight = dir.resolve("straight");
        List<Object> exported = new ArrayList<>();
        try (Model model = tinyModel()) {
            new SrTrainer(model, config(5, true), data(), validation, straight, Clock.systemUTC(),
                    (n, network, s, m) -> exported.add(network == model.getBlock() || m.containsKey("psnr_last")))
                    .train(false, silent());
        }
        assertTrue(!exported.isEmpty() && !exported.contains(true),
                "only the average is exported, with its own metrics: " + exported);
        Path interrupted = dir.resolve("interrupted");
        try (Model model = tinyModel()) {
            SrTrainer trainer = new SrTrainer(model, config(5, true), data(), validation, interrupted,
                    Clock.systemUTC(), (n, b, s, m) -> {});
            assertThrows(IllegalStateException.class, () -> trainer.train(false, crashingAt(3)));
        }
        assertTrue(Files.isRegularFile(interrupted.resolve("checkpoints/iter-00000002/average.bin")));
        try (Model model = tinyModel()) {
            new SrTrainer(model, config(5, true), data(), validation, interrupted, Clock.systemUTC(),
                    (n, b, s, m) -> {}).train(true, silent());
        }
        List<TrainingLog.Row> once = new TrainingLog(straight.resolve("train.csv"), SrTrainer.METRICS).read();
        List<TrainingLog.Row> twice = new TrainingLog(interrupted.resolve("train.csv"), SrTrainer.METRICS).read();
        TrainingLog.Row last = once.get(once.size() - 1);
        assertEquals(5, last.iteration());
        // a restored average scores as the uninterrupted one did; an average restarted from the weights would not
        assertEquals(last.metrics().get("psnr"), twice.get(twice.size() - 1).metrics().get("psnr"), 1e-6);
        assertTrue(Math.abs(last.metrics().get("psnr") - last.metrics().get("psnr_last")) > 1e-9,
                "the average differs from the last weights: " + last.metrics());
        Path plain = dir.resolve("plain");
        try (Model model = tinyModel()) {
            new SrTrainer(model, config(3), data(), Map.of(), plain, Clock.systemUTC(), (n, b, s, m) -> {})
                    .train(false, silent());
        }
        try (Model model = tinyModel()) {
            SrTrainer averaging = new SrTrainer(model, config(5, true), data(), Map.of(), plain, Clock.systemUTC(),
                    (n, b, s, m) -> {});
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                    () -> averaging.train(true, silent()));
            assertTrue(missing.getMessage().contains("no average.bin"), missing.getMessage());
        }
    }

    @Test
    void thePixelLossesAreTheMeanAbsoluteAndTheMeanSquaredError() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList label = new NDList(manager.zeros(new Shape(1, 1, 2, 2)));
            NDList prediction = new NDList(manager.create(new float[] {1, -2, 3, 4}, new Shape(1, 1, 2, 2)));
            assertEquals(2.5f, SrTrainingConfig.PixelLoss.L1.djl().evaluate(label, prediction).getFloat(), 1e-6f);
            assertEquals(7.5f, SrTrainingConfig.PixelLoss.MSE.djl().evaluate(label, prediction).getFloat(), 1e-6f);
        }
    }

    @Test
    void aDeeperNetworkStartsAsTheShallowerOneItIsInitialisedFrom() throws Exception {
        try (Model shallow = tinyModel(); Model deep = Model.newInstance("deeper-a2n");
                NDManager manager = NDManager.newBaseManager()) {
            A2n source = (A2n) shallow.getBlock();
            SeededInitialization.apply(source, 3);
            A2n deeper = A2n.builder().setConfig(new A2nConfig(2, 4, 4, 3)).build();
            deep.setBlock(deeper);
            deeper.initialize(deep.getNDManager(), DataType.FLOAT32, A2n.sampleInputShape());
            SrTrainer trainer = new SrTrainer(deep, config(2), data(), Map.of(), dir, Clock.systemUTC(),
                    (n, b, s, m) -> {});
            ParameterTransfer.Report report = trainer.initFrom(source);
            assertEquals(List.of("AAB_trunk.1, AAB_trunk.2 start as the identity (conv_last zero): the deeper network"
                    + " starts as the 1-block one"), report.notes());
            NDArray image = manager.randomUniform(0, 255, new Shape(1, 3, 9, 11));
            float[] expected = forward(source, image);
            float[] actual = forward(deeper, image);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 1e-3, "output " + i);
            }
            trainer.train(false, silent());
            float added = ParameterPaths.of(deeper).get("AAB_trunk.2.conv_last.weight").getArray().abs().sum()
                    .getFloat();
            assertTrue(added > 0, "training moves the added block away from the identity");
        }
    }

    private static float[] forward(A2n network, NDArray image) {
        return network.forward(new ParameterStore(image.getManager(), false), new NDList(image), false)
                .singletonOrThrow().toFloatArray();
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
