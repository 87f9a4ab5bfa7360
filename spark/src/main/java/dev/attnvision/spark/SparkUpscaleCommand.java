package dev.attnvision.spark;

import dev.attnvision.cli.CliEnvironment;
import dev.attnvision.cli.Session;
import dev.attnvision.cli.mixin.OutputOptions;
import dev.attnvision.cli.mixin.UpscaleOptions;
import dev.attnvision.core.sr.UpscalePlan;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code attnvision spark upscale}: {@code upscale} as a Spark job. */
@Command(name = "upscale", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Upscale images as a Spark job, with the models, blend and tiling of",
            "'attnvision upscale' (identical pixels). Writes each output below -o (a local folder,",
            "hdfs:// or s3a://) and the results table, one row per input, under OUT/results/."},
        footerHeading = "%nExamples:%n",
        footer = {"  attnvision spark upscale photos/ -r -o big/ -s 2 --master local[2]",
            "  spark-submit --class dev.attnvision.spark.SparkMain ... upscale s3a://bucket/photos -o s3a://bucket/x4"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every input was processed (or skipped)", "1:some inputs failed (see OUT/results), or the job failed",
            "2:usage error (bad option, unknown model, unusable input or output); nothing was processed"})
public final class SparkUpscaleCommand implements Callable<Integer> {
    private final Session session;
    private final CliEnvironment environment;
    @Spec CommandSpec spec;

    @Mixin UpscaleOptions upscale;
    @Mixin SparkJobOptions job;
    @Mixin OutputOptions outputs;

    public SparkUpscaleCommand(Session session, CliEnvironment environment) {
        this.session = session;
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        UpscalePlan plan = upscale.plan(session, environment);
        return SparkJobRun.run(spec, session, job, outputs, new JobOperation.Upscale(plan), null);
    }
}
