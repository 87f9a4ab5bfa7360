package dev.attnvision.core.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The iteration loop shared by every trainer: runs the task's steps from a state to the last iteration, keeping
 * the learning rate in step, averaging and logging the loss, validating, tracking the best value of the primary
 * metric (higher is better), checkpointing, plotting and reporting progress. Training itself (data, forward pass,
 * loss, backward pass, optimizer step) is the {@link Task}'s.
 */
public final class TrainingLoop {
    /** What a trainer supplies to the loop. */
    public interface Task {
        /** Runs the optimisation step of 0-based {@code iteration} and returns its loss. */
        double step(long iteration) throws IOException;

        /** Validation metrics, in the order of the log's metric columns. */
        Map<String, Double> validate() throws IOException;

        /** Called when {@code metrics} set a new best primary metric, reached by {@code state} (export the model). */
        void onBest(TrainingState state, Map<String, Double> metrics) throws IOException;
    }

    /**
     * How often the loop logs, validates and checkpoints.
     *
     * @param iterations the iteration count at which training ends
     * @param logEvery iterations per log row (the loss is averaged over them)
     * @param validateEvery iterations between validations, 0 for validation only at the end
     * @param checkpointEvery iterations between checkpoints (one is always written at the end)
     */
    public record Settings(long iterations, long logEvery, long validateEvery, long checkpointEvery) {
        public Settings {
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations must be at least 1, got " + iterations);
            }
            if (logEvery < 1 || checkpointEvery < 1 || validateEvery < 0) {
                throw new IllegalArgumentException("log and checkpoint intervals must be at least 1 and the validation"
                        + " interval at least 0; got log " + logEvery + ", checkpoint " + checkpointEvery
                        + ", validation " + validateEvery);
            }
        }
    }

    /**
     * What the loop draws and what it maximises.
     *
     * @param plot the PNG redrawn after every validation
     * @param title the plot's title
     * @param primaryMetric the validation metric whose best value selects the best model (higher is better)
     */
    public record TrainingArtifacts(Path plot, String title, String primaryMetric) {}

    private final Settings settings;
    private final Block block;
    private final ResumableAdam optimizer;
    private final Checkpointer checkpointer;
    private final TrainingLog log;
    private final TrainingArtifacts artifacts;
    private final Clock clock;

    public TrainingLoop(Settings settings, Block block, ResumableAdam optimizer, Checkpointer checkpointer,
            TrainingLog log, TrainingArtifacts artifacts, Clock clock) {
        if (!log.metrics().contains(artifacts.primaryMetric())) {
            throw new IllegalArgumentException("the primary metric " + artifacts.primaryMetric()
                    + " is not among the logged metrics " + log.metrics());
        }
        this.settings = settings;
        this.block = block;
        this.optimizer = optimizer;
        this.checkpointer = checkpointer;
        this.log = log;
        this.artifacts = artifacts;
        this.clock = clock;
    }

    /**
     * A loop over a run folder's standard parts: {@code checkpoints/} (the newest two kept, each also holding the
     * parameters of {@code companions}, see {@link Checkpointer}), {@code train.csv} with {@code metrics} (the first
     * is maximised) and {@code train.png} titled {@code title}.
     */
    public static TrainingLoop inRunFolder(Path runDir, Settings settings, Block block, Map<String, Block> companions,
            ResumableAdam optimizer, List<String> metrics, String title, Clock clock) throws IOException {
        return new TrainingLoop(settings, block, optimizer,
                new Checkpointer(runDir.resolve("checkpoints"), 2, companions),
                new TrainingLog(runDir.resolve("train.csv"), metrics),
                new TrainingArtifacts(runDir.resolve("train.png"), title, metrics.get(0)), clock);
    }

    /**
     * Where training starts: iteration 0 of {@code seed}, or with {@code resume} the newest checkpoint, loaded into the
     * block and the optimizer (its moments on {@code manager}, which must outlive training), whose run must have
     * had the same seed.
     */
    public TrainingState startOrResume(boolean resume, long seed, NDManager manager) throws IOException {
        if (!resume) {
            return TrainingState.start(seed);
        }
        TrainingState from = checkpointer.restoreLatest(block, optimizer, manager);
        if (from.seed() != seed) {
            throw new IllegalArgumentException("the run was started with --seed " + from.seed() + ", not " + seed
                    + "; resume with the same seed");
        }
        return from;
    }

    /**
     * Trains from {@code from} to {@code settings.iterations()}, reporting through the progress reporter made by
     * {@code progress} for this session. Returns the final state.
     */
    public TrainingState run(Task task, TrainingState from, ProgressReporter.Factory progress)
            throws IOException {
        if (from.iteration() >= settings.iterations()) {
            throw new IllegalArgumentException("the run has already done " + from.iteration() + " of "
                    + settings.iterations() + " iterations; lengthen it (--iters of train sr, --epochs of train detect) to"
                    + " train further");
        }
        log.startAt(from.iteration());
        TrainingState state = from;
        Instant sessionStart = clock.instant();
        double lossSum = 0;
        int lossCount = 0;
        try (ProgressReporter reporter = progress.open(from.iteration(), settings.iterations())) {
            for (long i = from.iteration(); i < settings.iterations(); i++) {
                optimizer.beginIteration(i);
                double loss = task.step(i);
                if (!Double.isFinite(loss)) {
                    throw new TrainingDivergedException(i, loss);
                }
                lossSum += loss;
                lossCount++;
                long done = i + 1;
                boolean last = done == settings.iterations();
                boolean validate = last || settings.validateEvery() > 0 && done % settings.validateEvery() == 0;
                Map<String, Double> metrics = validate ? task.validate() : Map.of();
                double seconds = from.trainingSeconds() + Duration.between(sessionStart, clock.instant()).toNanos() / 1e9;
                double best = state.bestMetric();
                long bestAt = state.bestIteration();
                Double primary = metrics.get(artifacts.primaryMetric());
                boolean improved = primary != null && state.improvesOn(primary);
                if (improved) {
                    best = primary;
                    bestAt = done;
                }
                state = new TrainingState(done, state.seed(), best, bestAt, seconds);
                if (validate || last || done % settings.logEvery() == 0) {
                    log.append(new TrainingLog.Row(done, lossSum / lossCount, optimizer.learningRate(), seconds, metrics));
                    lossSum = 0;
                    lossCount = 0;
                }
                if (improved) {
                    task.onBest(state, metrics);
                }
                if (last || done % settings.checkpointEvery() == 0) {
                    checkpointer.save(block, optimizer, state);
                }
                if (validate) {
                    TrainingPlot.write(log.read(), artifacts.primaryMetric(), artifacts.title(), artifacts.plot());
                }
                reporter.update(done, String.format(Locale.ROOT, "loss %.4f", loss)
                        + (primary == null ? "" : String.format(Locale.ROOT, " %s %.3f", artifacts.primaryMetric(), primary)));
            }
        }
        return state;
    }
}
