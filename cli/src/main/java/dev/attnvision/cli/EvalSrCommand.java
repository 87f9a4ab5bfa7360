package dev.attnvision.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attnvision.cli.mixin.DenoiseOption;
import dev.attnvision.cli.mixin.PrecisionOption;
import dev.attnvision.cli.mixin.SelfEnsembleOption;
import dev.attnvision.core.data.ImageFolder;
import dev.attnvision.core.data.degradation.Degradations;
import dev.attnvision.core.eval.SrScore;
import dev.attnvision.core.image.ImageCodec;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.model.StoredModel;
import dev.attnvision.core.sr.A2n;
import dev.attnvision.core.sr.NetworkInterpolation;
import dev.attnvision.core.sr.Precision;
import dev.attnvision.core.sr.RgbUpscaler;
import dev.attnvision.core.sr.SelfEnsemble;
import dev.attnvision.core.sr.SrEvaluation;
import dev.attnvision.core.sr.SrModelChoice;
import dev.attnvision.core.sr.Tiling;
import dev.attnvision.core.sr.TiledUpscaler;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code attnvision eval sr}: PSNR/SSIM of a super-resolution model on high-resolution images, against bicubic. */
@Command(name = "sr", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark a super-resolution model: each image is cropped to a multiple of the scale and",
            "reduced to its input with MATLAB-compatible bicubic (the standard way), with a seeded real-world",
            "degradation (--degradation real:SEED: blur, resize, noise and JPEG, the same draw for everyone), or the",
            "inputs are given (--lr DIR); the input is upscaled by the model and by bicubic (the baseline). PSNR and",
            "SSIM are computed on the BT.601 Y channel with SCALE pixels shaved from each border."},
        footerHeading = "%nExamples:%n",
        footer = {"  attnvision eval sr --model a2n-x2 --scale 2 Set5/HR",
            "  attnvision eval sr --model runs/x2/best --scale 2 Set14/HR --csv set14.csv",
            "  attnvision eval sr --model a2n-x3 --scale 3 Set5/HR --json > set5.json",
            "  attnvision eval sr --model a2n-x4-real --scale 4 Set5/HR --degradation real:1",
            "  attnvision eval sr --model a2n-x4 --scale 4 Set5/HR --tta",
            "  attnvision eval sr --model a2n-x2-real --scale 2 photos/HR --lr photos/LR"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every image was scored", "1:some images could not be read (each is reported; the rest are scored)",
            "2:usage error (unknown model, wrong scale, unknown degradation, no readable image or pair)"})
public final class EvalSrCommand implements Callable<Integer> {
    private final Session session;
    private final CliEnvironment environment;
    @Spec CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL",
            description = "A model name (see 'attnvision models list') or a model folder.")
    String model;

    @Option(names = {"-s", "--scale"}, required = true, paramLabel = "N", description = "Upscaling factor; must be the model's.")
    int scale;

    @Parameters(paramLabel = "DIR", description = "Folder of high-resolution (ground truth) images.")
    Path folder;

    @Option(names = "--degradation", paramLabel = "NAME[:SEED]", defaultValue = "bicubic",
            description = "How inputs are made: bicubic, real, real-mild (Real-ESRGAN's two stages of blur, resize,"
                + " noise and JPEG) or photo (one stage: Gaussian blur, downscale, noise, JPEG 40-90), with an"
                + " optional seed of the draws (default seed 1), e.g. real:1 (default: ${DEFAULT-VALUE}).")
    String degradation;

    @Option(names = "--lr", paramLabel = "DIR",
            description = "Folder of given low-resolution inputs, matched to the HR images by name (baby.png or"
                + " babyx2.png for baby.png) instead of making them.")
    Path lowResolution;

    @Mixin DenoiseOption denoise;

    @Mixin PrecisionOption precision;

    @Mixin SelfEnsembleOption selfEnsemble;

    /** How the scored inputs were made, for the report. */
    private String inputsLabel;

    @Option(names = "--json", description = "Print the results as one JSON object instead of a table.")
    boolean json;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the per-image results as CSV.")
    Path csv;

    public EvalSrCommand(Session session, CliEnvironment environment) {
        this.session = session;
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        StoredModel stored = ModelArgument.resolve(model, session, environment);
        if (stored.manifest().scale() != scale) {
            throw new ParameterException(spec.commandLine(), "model " + model + " upscales by "
                    + stored.manifest().scale() + ", not " + scale + "; use --scale " + stored.manifest().scale()
                    + " or a x" + scale + " model");
        }
        Degradations.Seeded inputs;
        try {
            inputs = Degradations.seeded(degradation);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--degradation': " + e.getMessage());
        }
        if (lowResolution != null && spec.commandLine().getParseResult().hasMatchedOption("--degradation")) {
            throw new ParameterException(spec.commandLine(), "--lr gives the inputs, --degradation makes them: use one");
        }
        ImageCodec codec = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS);
        int threads = Math.min(4, session.cores());
        ImageFolder.Contents contents = ImageFolder.read(session.workingDir().resolve(folder), codec, threads);
        contents.failures().forEach((file, reason) ->
                session.err().println("attnvision: " + session.show(file) + ": " + reason + " (not scored)"));
        Map<String, Raster> images = contents.images();
        if (images.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "none of the images in " + folder
                    + " could be read; give a folder of readable high-resolution images");
        }
        inputsLabel = lowResolution != null ? "given in " + lowResolution : inputs.label();
        boolean complete = contents.failures().isEmpty();
        List<SrEvaluation.Pair> pairs;
        if (lowResolution == null) {
            pairs = SrEvaluation.pairs(images, scale, inputs);
        } else {
            ImageFolder.Contents given = ImageFolder.read(session.workingDir().resolve(lowResolution), codec, threads);
            given.failures().forEach((file, reason) ->
                    session.err().println("attnvision: " + session.show(file) + ": " + reason + " (not scored)"));
            SrEvaluation.Matching matching = SrEvaluation.matched(images, given.images(), scale);
            matching.problems().forEach(problem -> session.err().println("attnvision: " + problem + " (not scored)"));
            if (matching.pairs().isEmpty()) {
                throw new ParameterException(spec.commandLine(), "no image of " + folder + " has a usable input in "
                        + lowResolution + "; name each input like its HR image (baby.png or babyx" + scale
                        + ".png for baby.png) at 1/" + scale + " of its size");
            }
            complete &= given.failures().isEmpty() && matching.problems().isEmpty();
            pairs = matching.pairs();
        }
        OptionalDouble strength = denoise.strength();
        StoredModel base = strength.isEmpty() ? null : SrModelChoice.denoisePair(environment.models(), stored);
        Precision numbers = precision.precision();
        precision.warnIfEmulated(session.err());
        SrEvaluation.Report report;
        try (NDManager manager = NDManager.newBaseManager()) {
            A2n network = base == null ? stored.loadA2n(manager)
                    : NetworkInterpolation.load(stored, base, strength.getAsDouble(), manager);
            if (numbers == Precision.FLOAT32 && !selfEnsemble.enabled()) {
                report = SrEvaluation.evaluate(network, pairs, scale, manager);
            } else {
                RgbUpscaler whole = new TiledUpscaler(network, new Tiling(Tiling.WHOLE_IMAGE).withPrecision(numbers));
                try (RgbUpscaler upscaler = selfEnsemble.enabled() ? new SelfEnsemble(whole) : whole) {
                    report = SrEvaluation.evaluate(upscaler, pairs);
                }
            }
        }
        PrintStream out = session.out();
        if (json) {
            out.println(toJson(report));
        } else {
            printTable(report, out);
        }
        if (csv != null) {
            Files.writeString(session.workingDir().resolve(csv), toCsv(report), StandardCharsets.UTF_8);
        }
        return complete ? ExitCodes.OK : ExitCodes.SOME_FAILED;
    }

    private void printTable(SrEvaluation.Report report, PrintStream out) {
        int width = Math.max(5, report.images().stream().mapToInt(i -> i.name().length()).max().orElse(5));
        String format = "%-" + width + "s  %8s  %7s  %12s  %12s%n";
        out.printf(Locale.ROOT, format, "image", "PSNR-Y", "SSIM-Y", "bicubic PSNR", "bicubic SSIM");
        for (SrEvaluation.ImageScore image : report.images()) {
            row(out, format, image.name(), image.network(), image.bicubic());
        }
        row(out, format, "mean", report.meanNetwork(), report.meanBicubic());
        out.printf(Locale.ROOT, "model %s%s, x%d, %s%s, %d images, inputs %s; PSNR in dB on Y (BT.601), %d pixels"
                + " shaved%n", model, denoise.strength().isEmpty() ? ""
                        : String.format(Locale.ROOT, " (denoise %.2f)", denoise.strength().getAsDouble()), report.scale(),
                precision.precision(), selfEnsemble.enabled() ? ", self-ensemble of 8" : "", report.images().size(),
                inputsLabel, report.scale());
    }

    private static void row(PrintStream out, String format, String name, SrScore network, SrScore bicubic) {
        out.printf(Locale.ROOT, format, name, String.format(Locale.ROOT, "%.3f", network.psnr()),
                String.format(Locale.ROOT, "%.4f", network.ssim()), String.format(Locale.ROOT, "%.3f", bicubic.psnr()),
                String.format(Locale.ROOT, "%.4f", bicubic.ssim()));
    }

    private String toJson(SrEvaluation.Report report) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("model", model);
        root.put("scale", report.scale());
        root.put("inputs", inputsLabel);
        root.put("precision", precision.precision().label());
        root.put("tta", selfEnsemble.enabled());
        denoise.strength().ifPresent(value -> root.put("denoise", value));
        ArrayNode images = root.putArray("images");
        for (SrEvaluation.ImageScore image : report.images()) {
            ObjectNode node = images.addObject();
            node.put("image", image.name());
            scores(node, image.network(), image.bicubic());
        }
        scores(root.putObject("mean"), report.meanNetwork(), report.meanBicubic());
        return root.toString();
    }

    private static void scores(ObjectNode node, SrScore network, SrScore bicubic) {
        node.put("psnr", network.psnr());
        node.put("ssim", network.ssim());
        node.put("bicubic_psnr", bicubic.psnr());
        node.put("bicubic_ssim", bicubic.ssim());
    }

    private static String toCsv(SrEvaluation.Report report) {
        StringBuilder csv = new StringBuilder("image,psnr,ssim,bicubic_psnr,bicubic_ssim\n");
        for (SrEvaluation.ImageScore image : report.images()) {
            csvRow(csv, image.name(), image.network(), image.bicubic());
        }
        csvRow(csv, "mean", report.meanNetwork(), report.meanBicubic());
        return csv.toString();
    }

    private static void csvRow(StringBuilder csv, String name, SrScore network, SrScore bicubic) {
        String quoted = name.contains(",") || name.contains("\"") ? "\"" + name.replace("\"", "\"\"") + "\"" : name;
        csv.append(String.format(Locale.ROOT, "%s,%.4f,%.6f,%.4f,%.6f\n", quoted, network.psnr(), network.ssim(),
                bicubic.psnr(), bicubic.ssim()));
    }
}
