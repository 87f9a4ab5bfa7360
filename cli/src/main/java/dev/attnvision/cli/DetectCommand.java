package dev.attnvision.cli;

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
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
    /** The model used without {@code --model}. */
    static final String DEFAULT_MODEL = "bccd";
    /** Most workers by default: each holds its activations, and more rarely pays on a CPU. */
    private static final int MAX_DEFAULT_WORKERS = 4;

    private final Session session;
    private final CliEnvironment environment;
    @Spec CommandSpec spec;

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL",
            description = "A detector's name (see 'attnvision models list') or model folder (default: " + DEFAULT_MODEL
                    + ").")
    String model;

    @Option(names = "--conf", paramLabel = "P", defaultValue = "0.25",
            description = "Keep detections scoring above this, 0 to 1 (default: ${DEFAULT-VALUE}).")
    float confidence;

    @Option(names = "--iou", paramLabel = "T", defaultValue = "0.5",
            description = "NMS: drop a box overlapping a better one of its class by more than this IoU (default: ${DEFAULT-VALUE}).")
    float iou;

    @Option(names = "--agnostic-nms", description = "Suppress overlapping boxes across classes too, keeping the"
            + " best-scoring label of each object (by default only boxes of the same class suppress each other).")
    boolean agnosticNms;

    @Option(names = "--max-det", paramLabel = "N", defaultValue = "100",
            description = "Most detections per image (default: ${DEFAULT-VALUE}).")
    int maxDetections;

    @Option(names = "--classes", split = ",", paramLabel = "NAME",
            description = "Only these classes, by name, comma-separated (default: all).")
    List<String> classes = new ArrayList<>();

    @Option(names = "--img-size", paramLabel = "S",
            description = "Side of the square the image is letterboxed to (default: the model's training size).")
    Integer imageSize;

    @Option(names = "--save-txt", description = "Write YOLO label files (class cx cy w h, normalised) under labels/;"
            + " an image without detection gets an empty file.")
    boolean saveTxt;

    @Option(names = "--save-conf", description = "End each --save-txt line with the score.")
    boolean saveConf;

    @Option(names = "--save-json", description = "Write the run's detections as one COCO JSON, " + DetectionFiles.JSON_FILE + ".")
    boolean saveJson;

    @Option(names = "--save-csv", description = "Write the run's detections as one CSV table, " + DetectionFiles.CSV_FILE + ".")
    boolean saveCsv;

    @Option(names = "--save-crops", description = "Write each detected region under crops/CLASS/.")
    boolean saveCrops;

    @Option(names = "--no-images", description = "Do not write annotated images (only the result files).")
    boolean noImages;

    @Mixin InputOptions inputs;
    @Mixin OutputOptions outputs;
    @Mixin RuntimeOptions runtime;

    public DetectCommand(Session session, CliEnvironment environment) {
        this.session = session;
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        DetectionFiles.Kinds kinds = new DetectionFiles.Kinds(saveTxt, saveConf, saveJson, saveCsv, saveCrops);
        if (noImages && !kinds.any() && !runtime.json()) {
            throw new ParameterException(spec.commandLine(), "--no-images leaves nothing to write: add --save-txt,"
                    + " --save-json, --save-csv, --save-crops or --json");
        }
        if (saveConf && !saveTxt) {
            throw new ParameterException(spec.commandLine(), "--save-conf needs --save-txt");
        }
        StoredModel stored = detector();
        DetectorModelConfig config = stored.detectorConfig();
        List<String> classNames = config.network().classNames();
        DetectionSettings settings;
        try {
            settings = new DetectionSettings(confidence, iou, maxDetections,
                    imageSize == null ? config.imageSize() : imageSize, classIds(classNames), agnosticNms);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid option: " + e.getMessage());
        }
        int workers = runtime.workers(Math.min(MAX_DEFAULT_WORKERS, session.cores()));
        EngineThreads.configure(runtime.threads(EngineThreads.defaultIntraOp(session.cores(), workers)), 1);
        BatchInvocation.ResultFilesFactory resultFiles = kinds.any() ? (directory, files) -> new DetectionFiles(directory, files,
                classNames, kinds, new ImageCodec(runtime.maxPixels())) : null;
        return new BatchInvocation(session, inputs, outputs, runtime).run(
                () -> DetectOperation.model(stored, settings, !noImages), workers, !noImages, resultFiles);
    }

    /** The model of {@code --model}, or the bundled default. */
    private StoredModel detector() throws IOException {
        return ModelArgument.resolve(model == null ? DEFAULT_MODEL : model, session, environment);
    }

    /** The ids of {@code --classes}; unknown names are a usage error listing the model's classes. */
    private Set<Integer> classIds(List<String> classNames) {
        Set<Integer> ids = new LinkedHashSet<>();
        for (String wanted : classes) {
            String trimmed = wanted.strip();
            int id = classNames.indexOf(trimmed);
            if (id < 0) {
                throw new ParameterException(spec.commandLine(), "Invalid value for option '--classes': '" + trimmed
                        + "' is not a class of this model; valid classes: " + String.join(", ", classNames));
            }
            ids.add(id);
        }
        return ids;
    }
}
