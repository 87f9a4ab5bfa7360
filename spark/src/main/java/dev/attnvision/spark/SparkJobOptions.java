package dev.attnvision.spark;

import dev.attnvision.cli.mixin.InputOptions;
import dev.attnvision.cli.mixin.MaxPixelsOption;
import java.io.InputStream;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options every Spark job shares: where it runs, how its inputs are cut, what it writes besides images. */
public final class SparkJobOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Mixin InputOptions inputs;

    @Option(names = "--master", paramLabel = "URL",
            description = {"Spark master, e.g. local[2] (default: spark-submit's, else local[N] with N the cores here)."})
    String master;

    @Option(names = "--task-cpus", paramLabel = "N", defaultValue = "1",
            description = "Cores per task (spark.task.cpus), which are the PyTorch threads of each image (default:"
                    + " ${DEFAULT-VALUE}: one image per core; with spark-submit use --conf spark.task.cpus=N).")
    int taskCpus;

    @Option(names = "--files-per-partition", paramLabel = "N", defaultValue = "32",
            description = "Most images per task; each task slot gets at least 4 tasks (default: ${DEFAULT-VALUE}).")
    int filesPerPartition;

    @Option(names = "--parquet", description = "Also write the results table as Parquet, under results-parquet/.")
    boolean parquet;

    @Mixin MaxPixelsOption pixels;

    /**
     * The job's inputs; a usage error on bad values.
     *
     * @param stdin where {@code -} reads paths from
     * @param local makes a path given as text usable here
     */
    ImageJob.Inputs inputs(InputStream stdin, UnaryOperator<String> local) {
        if (filesPerPartition < 1) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--files-per-partition': "
                    + filesPerPartition + " (expected at least 1)");
        }
        return new ImageJob.Inputs(inputs.inputs(), stdin, local, inputs.recursive(), inputs.extensions(),
                filesPerPartition);
    }

    /** The master given, or null. */
    String master() {
        return master;
    }

    /** {@code spark.task.cpus}; a usage error below 1. */
    int taskCpus() {
        if (taskCpus < 1) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--task-cpus': " + taskCpus
                    + " (expected at least 1)");
        }
        return taskCpus;
    }

    boolean parquet() {
        return parquet;
    }

    long maxPixels() {
        return pixels.maxPixels();
    }
}
