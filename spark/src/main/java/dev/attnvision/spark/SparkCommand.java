package dev.attnvision.spark;

import dev.attnvision.cli.ManifestVersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code attnvision spark}: the batch commands as Apache Spark jobs. */
@Command(name = "attnvision spark", mixinStandardHelpOptions = true, versionProvider = ManifestVersionProvider.class,
        description = {"Run detect or upscale as an Apache Spark job, with the CLI's models and results:",
            "on this machine (local mode, no Spark install needed) or on a cluster through",
            "spark-submit."},
        subcommands = {SparkDetectCommand.class, SparkUpscaleCommand.class, SparkBenchCommand.class})
public final class SparkCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand: detect or upscale");
    }
}
