package dev.attnvision.cli;

import dev.attnvision.core.data.YoloDatasetWriter;
import dev.attnvision.core.data.synth.SceneConfig;
import dev.attnvision.core.data.synth.SyntheticDetectionSource;
import dev.attnvision.core.image.Encoding;
import dev.attnvision.core.image.ImageCodec;
import dev.attnvision.core.image.ImageFormat;
import dev.attnvision.core.train.Seeds;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code attnvision synth shapes}: writes seeded synthetic shape scenes as a YOLO dataset. */
@Command(name = "shapes", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write synthetic detection scenes (circles, squares, triangles, stars, rings, crosses over",
            "textured backgrounds, with lighting, blur and noise) as a YOLO dataset: images/, labels/ and data.yaml.",
            "The same --seed always writes the same files; the val split uses its own seed stream."},
        footerHeading = "%nExamples:%n",
        footer = {"  attnvision synth shapes -o shapes/ --images 1000 --val 100 --seed 1",
            "  attnvision train detect --data shapes/data.yaml --epochs 20 --img-size 320 -o runs/shapes"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:dataset written", "2:usage error (bad option, unwritable folder)"})
public final class SynthShapesCommand implements Callable<Integer> {
    private static final long TRAIN_STREAM = 0;
    private static final long VAL_STREAM = 1;

    private final Session session;
    @Spec CommandSpec spec;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "The dataset folder.")
    Path output;

    @Option(names = "--images", required = true, paramLabel = "N", description = "Training images (split train).")
    int images;

    @Option(names = "--val", defaultValue = "0", paramLabel = "N", description = "Validation images (split val; default: none).")
    int validation;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the scenes (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--size", defaultValue = "512", paramLabel = "PX", description = "Width and height of each image (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--format", defaultValue = "png", paramLabel = "FMT", description = "png or jpg (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--quality", defaultValue = "95", paramLabel = "Q", description = "JPEG quality 1-100 (default: ${DEFAULT-VALUE}).")
    int quality;

    public SynthShapesCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        if (images < 1 || validation < 0) {
            throw new ParameterException(spec.commandLine(), "--images must be at least 1 and --val at least 0, got "
                    + images + " and " + validation);
        }
        ImageFormat imageFormat = switch (format.toLowerCase(Locale.ROOT)) {
            case "png" -> ImageFormat.PNG;
            case "jpg", "jpeg" -> ImageFormat.JPEG;
            default -> throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '--format': '" + format + "' (expected png or jpg)");
        };
        SceneConfig scene;
        Encoding encoding;
        try {
            scene = SceneConfig.standard(size, size);
            encoding = new Encoding(imageFormat, quality);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Path root = session.workingDir().resolve(output);
        YoloDatasetWriter writer = new YoloDatasetWriter(root, new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS), encoding);
        SyntheticDetectionSource train = new SyntheticDetectionSource(scene, images, Seeds.derive(seed, TRAIN_STREAM));
        writer.writeSplit("train", train);
        if (validation > 0) {
            writer.writeSplit("val", new SyntheticDetectionSource(scene, validation, Seeds.derive(seed, VAL_STREAM)));
        }
        Path yaml = writer.writeDataYaml(train.classNames());
        PrintStream out = session.out();
        out.printf(Locale.ROOT, "wrote %d training%s images of %dx%d with labels; classes %s%n", images,
                validation > 0 ? " and " + validation + " validation" : "", size, size,
                String.join(", ", train.classNames()));
        out.println("dataset: " + session.show(yaml));
        return ExitCodes.OK;
    }
}
