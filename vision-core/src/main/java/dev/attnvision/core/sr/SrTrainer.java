package dev.attnvision.core.sr;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import dev.attnvision.core.data.PairedSrDataset;
import dev.attnvision.core.data.Prefetcher;
import dev.attnvision.core.data.SrBatch;
import dev.attnvision.core.data.degradation.Degradations;
import dev.attnvision.core.eval.SrScore;
import dev.attnvision.core.image.MatlabBicubic;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.train.Gradients;
import dev.attnvision.core.train.ModelExport;
import dev.attnvision.core.train.ParameterTransfer;
import dev.attnvision.core.train.ProgressReporter;
import dev.attnvision.core.train.ResumableAdam;
import dev.attnvision.core.train.SeededInitialization;
import dev.attnvision.core.train.TrainingLoop;
import dev.attnvision.core.train.TrainingState;
import dev.attnvision.core.train.WeightAverage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a super-resolution network the way A2N and BasicSR do: random paired patches ({@link PairedSrDataset}), L1
 * loss {@code mean |f(LR) - HR|} on 0..255 samples, Adam ({@link ResumableAdam}) under a step or cosine schedule,
 * periodic validation PSNR/SSIM on Y ({@link SrScore}) on whole images whose LR is made by the training degradation
 * ({@link MatlabBicubic} or a seeded real-world one).
 * Batches go to the network channels-last, viewed as {@code NCHW}. With {@link SrTrainingConfig#averageWeights} an
 * exponential moving average of the weights ({@link WeightAverage}, kept in a second A2N and in the checkpoints) is
 * what is validated and exported, as BasicSR's {@code net_g_ema}; the last weights' PSNR is logged beside it ({@code
 * psnr_last}).
 *
 * <p>Writes into the run folder: {@code checkpoints/} (every {@code checkpointEvery} iterations and at the end,
 * enough to {@link #train resume} exactly), {@code train.csv}, {@code train.png}; the best and last networks go to
 * the {@link ModelExport} given.
 */
public final class SrTrainer {
    /** The metric of the weights that are not exported, left out of the exported models' manifests. */
    private static final String LAST_WEIGHTS_PSNR = "psnr_last";
    /** Validation metric columns; the first is the one to maximise. {@code psnr_last} is empty without an average. */
    public static final List<String> METRICS = List.of("psnr", "ssim", LAST_WEIGHTS_PSNR);
    private static final String AVERAGE_CHECKPOINT = "average";

    private final Model model;
    private final SrTrainingConfig config;
    private final PairedSrDataset data;
    private final List<SrEvaluation.Pair> validation;
    private final Path runDir;
    private final Clock clock;
    private final ModelExport export;
    /** The network validated and exported: the average's, or the model's block without one. */
    private final Block evaluated;

    /**
     * A trainer of {@code model}'s block (initialised: it takes {@code (N, 3, h, w)} on 0..255 and returns
     * {@code (N, 3, h * scale, w * scale)}; an {@link A2n} when the config averages the weights), re-initialised from
     * the config's seed. {@code validation} (HR images by name) may be empty; their inputs are made once by the
     * training degradation, seeded by the run's seed.
     */
    public SrTrainer(Model model, SrTrainingConfig config, PairedSrDataset data, Map<String, Raster> validation,
            Path runDir, Clock clock, ModelExport export) {
        this.model = model;
        this.config = config;
        this.data = data;
        this.validation = SrEvaluation.pairs(validation, config.scale(),
                new Degradations.Seeded(config.degradation(), config.seed()));
        this.runDir = runDir;
        this.clock = clock;
        this.export = export;
        SeededInitialization.apply(model.getBlock(), config.seed());
        if (!config.averageWeights()) {
            evaluated = model.getBlock();
        } else if (model.getBlock() instanceof A2n network) {
            evaluated = A2n.builder().setConfig(network.config()).build();
            evaluated.initialize(model.getNDManager(), DataType.FLOAT32, A2n.sampleInputShape());
        } else {
            throw new IllegalArgumentException("averaging the weights needs an A2N to hold the average, not a "
                    + model.getBlock().getClass().getSimpleName());
        }
    }

    /**
     * Starts from {@code source}'s parameters where paths and shapes match (before a fresh run). From an A2N of the
     * same width with fewer blocks, the blocks it lacks start as the identity ({@link Net2NetDeepening}).
     */
    public ParameterTransfer.Report initFrom(Block source) {
        return source instanceof A2n from && model.getBlock() instanceof A2n to
                ? Net2NetDeepening.transfer(from, to)
                : ParameterTransfer.copyMatching(source, model.getBlock());
    }

    /**
     * Trains to {@code config.iterations()}; with {@code resume}, first restores the newest checkpoint of the run
     * folder (the run then continues exactly as if never interrupted). Returns the final state.
     */
    public TrainingState train(boolean resume, ProgressReporter.Factory progress) throws IOException {
        ResumableAdam optimizer = new ResumableAdam(config.learningRateSchedule());
        boolean averaging = evaluated != model.getBlock();
        TrainingLoop loop = TrainingLoop.inRunFolder(runDir, config.loopSettings(), model.getBlock(),
                averaging ? Map.of(AVERAGE_CHECKPOINT, evaluated) : Map.of(), optimizer, METRICS,
                "super-resolution x" + config.scale(), clock);
        TrainingState from = loop.startOrResume(resume, config.seed(), model.getNDManager());
        WeightAverage average = averaging
                ? new WeightAverage(model.getBlock(), evaluated, WeightAverage.decayFor(config.iterations())) : null;
        if (average != null && !resume) {
            average.reset();
        }
        DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(config.loss().djl())
                .optOptimizer(optimizer).optDevices(new Device[] {Device.cpu()});
        try (Trainer trainer = model.newTrainer(trainingConfig);
                Prefetcher<SrBatch> batches = new Prefetcher<>(data::batch, from.iteration(), config.workers(),
                        2 * config.workers())) {
            Task task = new Task(trainer, batches, average);
            TrainingState end = loop.run(task, from, progress);
            export.export("last", evaluated, end, ofExported(task.lastMetrics));
            return end;
        }
    }

    /**
     * Mean PSNR and SSIM on Y over the validation images of the network validated and exported, and with an average
     * the last weights' PSNR (empty when there are no images).
     */
    public Map<String, Double> validate() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (!validation.isEmpty()) {
            SrScore mean = score(evaluated);
            metrics.put("psnr", mean.psnr());
            metrics.put("ssim", mean.ssim());
            if (evaluated != model.getBlock()) {
                metrics.put(LAST_WEIGHTS_PSNR, score(model.getBlock()).psnr());
            }
        }
        return metrics;
    }

    /** {@code metrics} without those of the weights that are not exported. */
    private static Map<String, Double> ofExported(Map<String, Double> metrics) {
        Map<String, Double> own = new LinkedHashMap<>(metrics);
        own.remove(LAST_WEIGHTS_PSNR);
        return own;
    }

    private SrScore score(Block network) {
        return SrEvaluation.evaluate(network, validation, config.scale(), model.getNDManager()).meanNetwork();
    }

    private final class Task implements TrainingLoop.Task {
        private final Trainer trainer;
        private final Prefetcher<SrBatch> batches;
        private final WeightAverage average;
        private Map<String, Double> lastMetrics = Map.of();

        Task(Trainer trainer, Prefetcher<SrBatch> batches, WeightAverage average) {
            this.trainer = trainer;
            this.batches = batches;
            this.average = average;
        }

        @Override
        public double step(long iteration) {
            SrBatch batch = batches.next();
            try (NDManager scope = trainer.getManager().newSubManager()) {
                NDArray lr = scope.create(batch.lr(), new Shape(batch.size(), batch.lrSize(), batch.lrSize(), 3))
                        .transpose(0, 3, 1, 2);
                NDArray hr = scope.create(batch.hr(), new Shape(batch.size(), batch.hrSize(), batch.hrSize(), 3))
                        .transpose(0, 3, 1, 2);
                float loss;
                Gradients.zero(model.getBlock());
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDArray sr = trainer.forward(new NDList(lr)).singletonOrThrow();
                    NDArray value = trainer.getLoss().evaluate(new NDList(hr), new NDList(sr));
                    collector.backward(value);
                    loss = value.getFloat();
                }
                trainer.step();
                if (average != null) {
                    average.update(iteration);
                }
                return loss;
            }
        }

        @Override
        public Map<String, Double> validate() {
            lastMetrics = SrTrainer.this.validate();
            return lastMetrics;
        }

        @Override
        public void onBest(TrainingState state, Map<String, Double> metrics) throws IOException {
            export.export("best", evaluated, state, ofExported(metrics));
        }
    }
}
