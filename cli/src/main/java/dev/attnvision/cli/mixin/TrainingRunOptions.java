package dev.attnvision.cli.mixin;

import dev.attnvision.core.pipeline.EngineThreads;
import dev.attnvision.core.train.ProgressReporter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options every {@code train} subcommand shares: where the run lives, how it is seeded, resumed and threaded. */
public final class TrainingRunOptions {
    /** Seconds between progress lines when standard error is not a terminal. */
    private static final Duration PLAIN_PROGRESS_PERIOD = Duration.ofSeconds(30);

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "RUNDIR",
            description = "The run folder (checkpoints, logs, plot and models).")
    Path runDir;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
            description = "Seed of initialisation, data order and augmentation (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--resume", description = "Continue the run in RUNDIR from its newest checkpoint.")
    boolean resume;

    @Option(names = "--init-from", paramLabel = "MODEL", description = "Start from a model's parameters where names and"
            + " shapes match (x3 from an x2 model; a detector fine-tuned from another with other classes).")
    String initFrom;

    @Option(names = {"-j", "--workers"}, defaultValue = "2", paramLabel = "N",
            description = "Threads reading, augmenting and batching the data (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--threads", paramLabel = "N", description = "PyTorch threads per operation (default: cores);"
            + " 1 is faster on a machine other jobs keep busy.")
    Integer threads;

    @Option(names = "--no-ema", description = "Validate and export the last weights instead of their exponential"
            + " moving average (over about the last tenth of the run).")
    boolean noEma;

    /** The run folder, relative paths against {@code workingDir}. */
    public Path runDir(Path workingDir) {
        return workingDir.resolve(runDir);
    }

    public long seed() {
        return seed;
    }

    public boolean resume() {
        return resume;
    }

    /** The {@code --init-from} model argument, empty without it; with {@code --resume} a usage error. */
    public Optional<String> initFrom() {
        if (resume && initFrom != null) {
            throw new ParameterException(spec.commandLine(),
                    "--resume and --init-from exclude each other: a resumed run continues from its own checkpoint");
        }
        return Optional.ofNullable(initFrom);
    }

    /** Whether the run validates and exports the moving average of the weights (unless {@code --no-ema}). */
    public boolean averageWeights() {
        return !noEma;
    }

    public int workers() {
        return workers;
    }

    /** Sets PyTorch's intra-op threads if {@code --threads} was given; a count below 1 is a usage error. */
    public void applyThreads() {
        if (threads == null) {
            return;
        }
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--threads': " + threads
                    + " (at least 1)");
        }
        EngineThreads.configure(threads, 1);
    }

    /** The command as typed, recorded in the run's models as their provenance. */
    public String commandText() {
        return "attnvision " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }

    /** Progress called {@code label}: a bar on a terminal, a line every 30 s otherwise. */
    public ProgressReporter.Factory progress(String label, boolean terminal, PrintStream err, Clock clock) {
        return (start, total) -> ProgressReporter.create(label, start, total, terminal, err, clock,
                PLAIN_PROGRESS_PERIOD);
    }
}
