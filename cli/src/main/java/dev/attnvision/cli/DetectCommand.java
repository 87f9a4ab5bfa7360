package dev.attnvision.cli;

import dev.attnvision.cli.mixin.DetectionFileOptions;
import dev.attnvision.cli.mixin.DetectionOptions;
import dev.attnvision.cli.mixin.InputOptions;
import dev.attnvision.cli.mixin.OutputOptions;
import dev.attnvision.cli.mixin.RuntimeOptions;
import dev.attnvision.core.detect.DetectOperation;
import dev.attnvision.core.detect.DetectionFiles;
import dev.attnvision.core.detect.DetectionSettings;
import dev.attnvision.core.detect.DetectorModelConfig;
import dev.attnvision.core.image.ImageCodec;
import dev.attnvision.core.model.StoredModel;
import dev.attnvision.core.pipeline.EngineThreads;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code attnvision detect}: object detection over files and folders, with annotated images and result files. */
@Command(name = "detect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Detect objects in images with an attention detector.",
            "Writes each input with its boxes drawn (mirroring the input tree below -o) and, on request, YOLO label",
            "files, one COCO JSON and one CSV for the run, and crops per class. Boxes are in the original image's",
            "pixels whatever its size; any channel count and bit depth is accepted. A bad input is reported and",
            "skipped, the run goes on."},
        footerHeading = "%nExamples:%n",
        footer = {"  attnvision detect cells/ -o out/ --model bccd",
            "  attnvision detect 'shots/**/*.jpg' -o out/ --conf 0.4 --classes WBC,Platelets --save-txt",
            "  attnvision detect cells/ -o out/ --no-images --save-json --save-csv",
            "  attnvision detect photo.png -o out/ --json | jq '.detections | length'"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every input was processed (or skipped)", "1:some inputs failed (each one was reported)",
            "2:usage error (bad option, unknown model or class, unwritable output); nothing was processed"})
public final class DetectCommand implements Callable<Integer> {
    /** Most workers by default: each holds its activations, and more rarely pays on a CPU. */
    private static final int MAX_DEFAULT_WORKERS = 4;

    private final Session session;
    private final CliEnvironment environment;
    @Spec CommandSpec spec;

    @Mixin DetectionOptions detection;

    @Mixin DetectionFileOptions files;

    @Option(names = "--save-crops", description = "Write each detected region under crops/CLASS/.")
    boolean saveCrops;

    @Mixin InputOptions inputs;
    @Mixin OutputOptions outputs;
    @Mixin RuntimeOptions runtime;

    public DetectCommand(Session session, CliEnvironment environment) {
        this.session = session;
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        DetectionFiles.Kinds kinds = files.kinds(saveCrops);
        boolean noImages = !files.images();
        if (noImages && !kinds.any() && !runtime.json()) {
            throw new ParameterException(spec.commandLine(), "--no-images leaves nothing to write: add --save-txt,"
                    + " --save-json, --save-csv, --save-crops or --json");
        }
        StoredModel stored = ModelArgument.resolve(detection.model(), session, environment);
        DetectorModelConfig config = stored.detectorConfig();
        List<String> classNames = config.network().classNames();
        DetectionSettings settings = detection.settings(config);
        int workers = runtime.workers(Math.min(MAX_DEFAULT_WORKERS, session.cores()));
        EngineThreads.configure(runtime.threads(EngineThreads.defaultIntraOp(session.cores(), workers)), 1);
        BatchInvocation.ResultFilesFactory resultFiles = kinds.any() ? (directory, listed) -> new DetectionFiles(directory, listed,
                classNames, kinds, new ImageCodec(runtime.maxPixels())) : null;
        return new BatchInvocation(session, inputs, outputs, runtime).run(
                () -> DetectOperation.model(stored, settings, !noImages), workers, !noImages, resultFiles);
    }
}
