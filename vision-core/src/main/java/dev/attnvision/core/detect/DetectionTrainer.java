package dev.attnvision.core.detect;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.attnvision.core.data.DetectionBatch;
import dev.attnvision.core.data.DetectionBatches;
import dev.attnvision.core.data.DetectionSource;
import dev.attnvision.core.data.Prefetcher;
import dev.attnvision.core.detect.anchor.AnchorGenerator;
import dev.attnvision.core.detect.loss.DetectionLoss;
import dev.attnvision.core.eval.CocoMetrics;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a {@link SingleStageDetector} the RetinaNet way: augmented, letterboxed batches ({@link DetectionBatches})
 * made ahead on worker threads (at one side, or at a side per batch: {@code MultiScale}), both heads'
 * {@link DetectionLoss} (the config's assigner, classification and box losses), AdamW ({@link ResumableAdam#adamW})
 * under warm-up + cosine, COCO mAP on the validation images after every epoch
 * ({@link DetectorEvaluation}) of the weights' moving average ({@link WeightAverage}, unless switched off), which
 * is also what is exported. Batches go to the network channels-last, viewed as {@code NCHW}.
 *
 * <p>Writes into the run folder: {@code checkpoints/} (after every epoch, enough to {@link #train resume} exactly),
 * {@code train.csv} (loss, learning rate, {@code map} = mAP@[.5:.95] and {@code map50} per epoch) and
 * {@code train.png}; the best (by {@code map}) and last networks go to the {@link ModelExport} given to
 * {@link #train}.
 */
public final class DetectionTrainer {
    /** Validation metric columns; the first is the one to maximise. */
    public static final List<String> METRICS = List.of("map", "map50");
    /** The checkpoint file of the weight average's parameters. */
    private static final String AVERAGE_CHECKPOINT = "average";

    private final SingleStageDetector detector;
    /** The network validated and exported: the weight average's, or {@link #detector} itself without one. */
    private final SingleStageDetector evaluated;
    private final DetectorConfig network;
    private final NDManager manager;
    private final DetectionTrainingConfig config;
    private final DetectionBatches batches;
    private final DetectionSource validation;
    private final Path runDir;
    private final Clock clock;

    /**
     * A trainer of a new detector for {@code network}, its parameters on {@code manager} (which must outlive
     * training), initialised from the config's seed. {@code validation} may be null for none.
     */
    public DetectionTrainer(DetectorConfig network, NDManager manager, DetectionTrainingConfig config,
            DetectionSource train, DetectionSource validation, Path runDir, Clock clock) {
        if (!train.classNames().equals(network.classNames())) {
            throw new IllegalArgumentException("the detector's classes " + network.classNames()
                    + " differ from the data's " + train.classNames());
        }
        this.network = network;
        this.manager = manager;
        this.config = config;
        this.batches = new DetectionBatches(train, config.augmentation(), config.scales(), config.batch(),
                config.seed());
        this.validation = validation;
        this.runDir = runDir;
        this.clock = clock;
        this.detector = new SingleStageDetector(network);
        detector.initialize(manager, DataType.FLOAT32, new Shape(1, 3, config.side(), config.side()));
        SeededInitialization.applyToKernels(detector, config.seed());
        if (config.averageWeights()) {
            evaluated = new SingleStageDetector(network);
            evaluated.initialize(manager, DataType.FLOAT32, new Shape(1, 3, config.side(), config.side()));
        } else {
            evaluated = detector;
        }
    }

    /** Starts from {@code source}'s parameters where paths and shapes match (before a fresh run). */
    public ParameterTransfer.Report initFrom(Block source) {
        return ParameterTransfer.copyMatching(source, detector);
    }

    /** Training iterations per epoch. */
    public long iterationsPerEpoch() {
        return batches.perEpoch();
    }

    /**
     * Trains for {@code config.epochs()}; with {@code resume}, first restores the newest checkpoint of the run folder
     * (the run then continues exactly as if never interrupted). The best and last networks go to {@code export}.
     * Returns the final state.
     */
    public TrainingState train(boolean resume, ProgressReporter.Factory progress, ModelExport export)
            throws IOException {
        long perEpoch = batches.perEpoch();
        ResumableAdam optimizer = ResumableAdam.adamW(config.schedule(perEpoch), (float) config.weightDecay());
        boolean averaging = evaluated != detector;
        TrainingLoop loop = TrainingLoop.inRunFolder(runDir, config.loopSettings(perEpoch), detector,
                averaging ? Map.of(AVERAGE_CHECKPOINT, evaluated) : Map.of(), optimizer, METRICS,
                "detection " + config.side() + " px", clock);
        TrainingState from = loop.startOrResume(resume, config.seed(), manager);
        WeightAverage average = averaging
                ? new WeightAverage(detector, evaluated, WeightAverage.decayFor(config.iterations(perEpoch))) : null;
        if (average != null && !resume) {
            average.reset();
        }
        try (NDManager anchors = manager.newSubManager();
                Prefetcher<DetectionBatch> prefetcher = new Prefetcher<>(batches::batch, from.iteration(),
                        config.workers(), 2 * config.workers())) {
            Task task = new Task(prefetcher, optimizer, average, anchors, export);
            TrainingState end = loop.run(task, from, progress);
            export.export("last", evaluated, end, task.lastMetrics);
            return end;
        }
    }

    /** {@code map} and {@code map50} on the validation images (empty without them). */
    private Map<String, Double> validate() throws IOException {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (validation != null) {
            CocoMetrics coco;
            try (ObjectDetector scored = new ObjectDetector(evaluated,
                    DetectionSettings.forEvaluation(config.side()))) {
                coco = DetectorEvaluation.evaluate(scored, validation, done -> { }).metrics();
            }
            metrics.put("map", Math.max(0, coco.ap()));
            metrics.put("map50", Math.max(0, coco.ap50()));
        }
        return metrics;
    }

    private final class Task implements TrainingLoop.Task {
        private final Prefetcher<DetectionBatch> batches;
        private final ResumableAdam optimizer;
        private final WeightAverage average;
        /** Holds each batch side's anchors for the whole run. */
        private final NDManager anchorManager;
        private final ModelExport export;
        /** Per batch side, its anchors. */
        private final Map<Integer, NDArray> sides = new HashMap<>();
        /** Per batch side and assigner phase (static or prediction-aware), the training objective. */
        private final Map<List<Object>, DetectionLoss> losses = new HashMap<>();
        private Map<String, Double> lastMetrics = Map.of();

        Task(Prefetcher<DetectionBatch> batches, ResumableAdam optimizer, WeightAverage average,
                NDManager anchorManager, ModelExport export) {
            this.batches = batches;
            this.optimizer = optimizer;
            this.average = average;
            this.anchorManager = anchorManager;
            this.export = export;
        }

        private NDArray anchors(int side) {
            return sides.computeIfAbsent(side, s -> new AnchorGenerator(network.anchors()).generate(anchorManager, s, s));
        }

        private DetectionLoss loss(int side, long epoch) {
            return losses.computeIfAbsent(List.of(side, epoch < config.staticAssignerEpochs()),
                    key -> config.loss(network.anchors(), side, epoch));
        }

        @Override
        public double step(long iteration) {
            DetectionBatch batch = batches.next();
            try (NDManager scope = manager.newSubManager()) {
                NDArray input = DetectorInput.fromNhwc(scope, batch.pixels(), batch.size(), batch.side(), batch.side());
                Gradients.zero(detector);
                float value;
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDList outputs = detector.forward(new ParameterStore(scope, false), new NDList(input), true);
                    NDArray total = loss(batch.side(), iteration / iterationsPerEpoch()).totalOverHeads(outputs,
                            anchors(batch.side()), batch.boxes());
                    collector.backward(total);
                    value = total.getFloat();
                }
                for (Pair<String, Parameter> p : detector.getParameters()) {
                    NDArray weight = p.getValue().getArray();
                    if (p.getValue().requiresGradient() && weight.hasGradient()) {
                        try (NDArray gradient = weight.getGradient()) {
                            optimizer.update(p.getValue().getId(), weight, gradient);
                        }
                    }
                }
                if (average != null) {
                    average.update(iteration);
                }
                return value;
            }
        }

        @Override
        public Map<String, Double> validate() throws IOException {
            lastMetrics = DetectionTrainer.this.validate();
            return lastMetrics;
        }

        @Override
        public void onBest(TrainingState state, Map<String, Double> metrics) throws IOException {
            export.export("best", evaluated, state, metrics);
        }
    }
}
