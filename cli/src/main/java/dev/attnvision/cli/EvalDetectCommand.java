package dev.attnvision.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attnvision.cli.mixin.ValFractionOption;
import dev.attnvision.core.data.DatasetCheck;
import dev.attnvision.core.data.DatasetFolder;
import dev.attnvision.core.data.DetectionDataset;
import dev.attnvision.core.data.FileDetectionSource;
import dev.attnvision.core.data.FoundDataset;
import dev.attnvision.core.detect.DetectionSettings;
import dev.attnvision.core.detect.DetectorEvaluation;
import dev.attnvision.core.detect.DetectorModelConfig;
import dev.attnvision.core.detect.ObjectDetector;
import dev.attnvision.core.eval.CocoMetrics;
import dev.attnvision.core.image.ImageCodec;
import dev.attnvision.core.model.StoredModel;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code attnvision eval detect}: COCO mAP of a detector on an annotated dataset. */
@Command(name = "detect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark a detector on an annotated dataset with the COCO protocol: mAP@[.5:.95], @.5, @.75,",
            "by object size, recall, and AP per class. The dataset is found as train detect finds it (VOC XML,",
            "YOLO labels, COCO JSON, split folders); unreadable images and bad boxes are left out.",
            "Classes are matched by name; detections keep scores above 0.05, at most 100 per image."},
        footerHeading = "%nExamples:%n",
        footer = {"  attnvision eval detect --model bccd --data BCCD/",
            "  attnvision eval detect --model runs/det/best --data shapes/data.yaml --split val --json",
            "  attnvision eval detect --model bccd --data instances_val.json --images val2017/"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the dataset was scored", "2:usage error (unknown model, unreadable dataset or image)"})
public final class EvalDetectCommand implements Callable<Integer> {
    private final Session session;
    private final CliEnvironment environment;
    @Spec CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL",
            description = "A detector's name (see 'attnvision models list') or model folder.")
    String model;

    @Option(names = "--data", required = true, paramLabel = "PATH",
            description = "A dataset folder (any layout 'attnvision data check' finds), a YOLO data.yaml or a COCO"
                    + " annotation JSON.")
    Path data;

    @Option(names = "--split", paramLabel = "NAME",
            description = "The split to score: one the dataset lists; for a folder without split lists val (the"
                    + " images train detect held out), train or all (default: val; all for a COCO .json file).")
    String split;

    @Mixin ValFractionOption valFraction;

    @Option(names = "--images", paramLabel = "DIR",
            description = "For COCO JSON: the folder file_name is relative to (default: the JSON's folder).")
    Path images;

    @Option(names = "--img-size", paramLabel = "S",
            description = "Side of the square images are letterboxed to (default: the model's training size).")
    Integer imageSize;

    @Option(names = "--tta", description = "Test-time augmentation, as detect --tta: each image also runs mirrored and"
            + " the boxes of both passes are fused.")
    boolean augment;

    @Option(names = "--json", description = "Print the results as one JSON object instead of a table.")
    boolean json;

    public EvalDetectCommand(Session session, CliEnvironment environment) {
        this.session = session;
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        StoredModel stored = ModelArgument.resolve(model, session, environment);
        DetectorModelConfig config = stored.detectorConfig();
        DetectionSettings settings;
        try {
            settings = DetectionSettings.forEvaluation(imageSize == null ? config.imageSize() : imageSize)
                    .withAugment(augment);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--img-size': " + e.getMessage());
        }
        Path dataPath = session.workingDir().resolve(data);
        double fraction = valFraction.fraction();
        ImageCodec codec = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS);
        FoundDataset all;
        try {
            all = DatasetFolder.find(dataPath, images == null ? null : session.workingDir().resolve(images));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--data': " + e.getMessage());
        }
        String name = split != null ? split : !all.listed() && Files.isRegularFile(dataPath) ? FoundDataset.ALL : "val";
        if (all.listed()) {
            try {
                name = all.listedName(name);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "Invalid value for option '--split': "
                        + e.getMessage());
            }
        }
        DatasetCheck check = DatasetCheck.run(all, List.of(all.listed() ? name : FoundDataset.ALL), codec,
                Runtime.getRuntime().availableProcessors());
        FoundDataset found = check.usable();
        DetectionDataset dataset;
        try {
            dataset = found.split(name, fraction);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--split': " + e.getMessage());
        }
        long errors = check.issues().stream().filter(i -> i.kind().error()).count();
        if (errors > 0 && !json) {
            session.err().printf(Locale.ROOT, "attnvision: %s has %d errors; unusable images and boxes are left out"
                    + " ('attnvision data check %s' lists them)%n", session.show(dataPath), errors,
                    session.show(dataPath));
        }
        String held = found.listed() || name.equals(FoundDataset.ALL) ? ""
                : ", " + found.holdOut(fraction).describe();
        FileDetectionSource source = new FileDetectionSource(dataset, codec,
                session.show(dataPath) + " (" + name + held + ")");
        DetectorEvaluation.Report report;
        long start = session.nanoTime().getAsLong();
        try (NDManager parameters = NDManager.newBaseManager();
                ObjectDetector detector = new ObjectDetector(stored.loadDetector(parameters), settings);
                ProgressDisplay progress = ProgressDisplay.choose(session, json)) {
            progress.start("eval detect", source.size());
            report = DetectorEvaluation.evaluate(detector, source, done -> progress.step());
        }
        double seconds = (session.nanoTime().getAsLong() - start) / 1e9;
        PrintStream out = session.out();
        if (json) {
            out.println(toJson(stored, report, settings.imageSize(), seconds));
        } else {
            out.printf(Locale.ROOT, "model %s on %s: %d images, %d detections, %d px%s, %.1f s%n",
                    stored.manifest().name(), source.description(), report.images(), report.detections(),
                    settings.imageSize(), augment ? " with test-time augmentation" : "", seconds);
            out.print(report.metrics().summary());
            if (!report.missingClasses().isEmpty()) {
                out.println("classes the model does not know (AP 0): " + String.join(", ", report.missingClasses()));
            }
        }
        return ExitCodes.OK;
    }

    private String toJson(StoredModel stored, DetectorEvaluation.Report report, int size, double seconds) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("model", stored.manifest().name());
        root.put("data", data.toString());
        root.put("images", report.images());
        root.put("detections", report.detections());
        root.put("image_size", size);
        root.put("tta", augment);
        root.put("seconds", Math.round(seconds * 1000) / 1000.0);
        CocoMetrics m = report.metrics();
        ObjectNode metrics = root.putObject("metrics");
        metrics.put("map", m.ap());
        metrics.put("map50", m.ap50());
        metrics.put("map75", m.ap75());
        metrics.put("map_small", m.apSmall());
        metrics.put("map_medium", m.apMedium());
        metrics.put("map_large", m.apLarge());
        metrics.put("ar1", m.ar1());
        metrics.put("ar10", m.ar10());
        metrics.put("ar100", m.ar100());
        metrics.put("ar_small", m.arSmall());
        metrics.put("ar_medium", m.arMedium());
        metrics.put("ar_large", m.arLarge());
        ObjectNode classes = root.putObject("classes");
        for (Map.Entry<String, Double> e : m.perClassAp().entrySet()) {
            ObjectNode c = classes.putObject(e.getKey());
            number(c, "ap", e.getValue());
            number(c, "ap50", m.perClassAp50().get(e.getKey()));
        }
        root.putPOJO("missing_classes", report.missingClasses());
        return root.toString();
    }

    /** A number, or null for NaN (a class without ground truth), which JSON cannot hold. */
    private static void number(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
