package dev.attnvision.spark;

import dev.attnvision.cli.CliEnvironment;
import dev.attnvision.cli.ModelArgument;
import dev.attnvision.cli.Session;
import dev.attnvision.cli.mixin.DetectionFileOptions;
import dev.attnvision.cli.mixin.DetectionOptions;
import dev.attnvision.cli.mixin.OutputOptions;
import dev.attnvision.core.detect.DetectionFiles;
import dev.attnvision.core.detect.DetectorModelConfig;
import dev.attnvision.core.model.StoredModel;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code attnvision spark detect}: {@code detect} as a Spark job. */
@Command(name = "detect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Detect objects in images as a Spark job, with the models and settings of",
            "'attnvision detect'. Writes each input with its boxes drawn below -o (a local folder,",
            "hdfs:// or s3a://), YOLO label files, a COCO JSON and a CSV table on request, and the",
            "results table: one row per input with its detections, under OUT/results/."},
        footerHeading = "%nExamples:%n",
        footer = {"  attnvision spark detect cells/ -o out/ --model bccd --master local[2]",
            "  spark-submit --class dev.attnvision.spark.SparkMain ... detect hdfs:///cells -o hdfs:///out --no-images"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every input was processed (or skipped)", "1:some inputs failed (see OUT/results), or the job failed",
            "2:usage error (bad option, unknown model or class, unusable input or output); nothing was processed"})
public final class SparkDetectCommand implements Callable<Integer> {
    private final Session session;
    private final CliEnvironment environment;
    @Spec CommandSpec spec;

    @Mixin DetectionOptions detection;

    @Mixin DetectionFileOptions files;
    @Mixin SparkJobOptions job;
    @Mixin OutputOptions outputs;

    public SparkDetectCommand(Session session, CliEnvironment environment) {
        this.session = session;
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        DetectionFiles.Kinds kinds = files.kinds(false);
        StoredModel model = ModelArgument.resolve(detection.model(), session, environment);
        model.verifiedParameters();
        DetectorModelConfig config = model.detectorConfig();
        JobOperation operation = new JobOperation.Detect(model, detection.settings(config), files.images(),
                kinds.txt(), kinds.txtScores());
        DetectionTables tables = kinds.json() || kinds.csv()
                ? new DetectionTables(config.network().classNames(), kinds.json(), kinds.csv()) : null;
        return SparkJobRun.run(spec, session, job, outputs, operation, tables);
    }
}
