package dev.attnvision.cli;

import dev.attnvision.cli.mixin.DenoiseOption;
import dev.attnvision.cli.mixin.InputOptions;
import dev.attnvision.cli.mixin.ModelOptions;
import dev.attnvision.cli.mixin.OutputOptions;
import dev.attnvision.cli.mixin.RuntimeOptions;
import dev.attnvision.cli.mixin.TilingOptions;
import dev.attnvision.core.model.StoredModel;
import dev.attnvision.core.pipeline.EngineThreads;
import dev.attnvision.core.pipeline.ImageOperation;
import dev.attnvision.core.sr.SrModelChoice;
import dev.attnvision.core.sr.Tiling;
import dev.attnvision.core.sr.UpscaleOperation;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code attnvision upscale}: super-resolution over files and folders. */
@Command(name = "upscale", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Upscale images by 2, 3 or 4 with a super-resolution model (A2N), or with bicubic interpolation.",
            "The default model for photos (a2n-xN-real) removes blur, noise and JPEG artefacts while upscaling;",
            "--denoise sets how strongly, by blending it with the clean model it was trained from (a2n-xN);",
            "for the default model it is 0.5, which scored best on photos' mild degradations.",
            "Large photos run tile by tile in bounded memory.",
            "Grey stays grey, 16-bit stays 16-bit, alpha is upscaled separately; EXIF orientation is applied.",
            "Outputs are written atomically; a bad input is reported and skipped, the run goes on."},
        footerHeading = "%nExamples:%n",
        footer = {"  attnvision upscale photo.jpg -o big/ -s 2",
            "  attnvision upscale -r shots/ -o big/ -s 2 --format png --suffix _x2",
            "  attnvision upscale scans/ -o big/ -s 3 --model my-a2n-x3 --tile 96",
            "  attnvision upscale photo.jpg -o big/ --method bicubic",
            "  attnvision upscale photo.jpg -o big/ -s 4 --denoise 0.5      # half way to the clean model",
            "  attnvision upscale render.png -o big/ -s 2 --model a2n-x2    # clean model: renders, clean scans",
            "  find shots -name '*.png' | attnvision upscale - -o big/ --skip-existing",
            "  attnvision upscale 'scans/**/*.tif' -o out/ --json > results.jsonl"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every input was processed (or skipped)", "1:some inputs failed (each one was reported)",
            "2:usage error (bad option, missing input or model, model of another scale, unwritable output);"
                + " nothing was processed"})
public final class UpscaleCommand implements Callable<Integer> {
    private static final List<Integer> SCALES = List.of(2, 3, 4);
    private static final String MODEL = "model";
    private static final String BICUBIC = "bicubic";
    private static final List<String> METHODS = List.of(MODEL, BICUBIC);

    private final CliEnvironment environment;
    @ParentCommand AttnVisionCommand root;
    @Spec CommandSpec spec;
    @Option(names = {"-s", "--scale"}, paramLabel = "N", defaultValue = "4",
            description = "Upscaling factor: 2, 3 or 4 (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--method", paramLabel = "NAME", defaultValue = MODEL, completionCandidates = Methods.class,
            description = "Upscaling method: ${COMPLETION-CANDIDATES} (model: the network given by --model;"
                + " bicubic: the non-learned baseline; default: ${DEFAULT-VALUE}).")
    String method;

    @Mixin ModelOptions model;

    @Mixin DenoiseOption denoise;
    @Mixin TilingOptions tiling;
    @Mixin InputOptions inputs;
    @Mixin OutputOptions outputs;
    @Mixin RuntimeOptions runtime;

    /** The values of {@code --method}. */
    static final class Methods implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return METHODS.iterator();
        }
    }

    public UpscaleCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        if (!SCALES.contains(scale)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--scale': " + scale + " (expected 2, 3 or 4)");
        }
        if (!METHODS.contains(method)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--method': '" + method
                    + "' (expected one of " + String.join(", ", METHODS) + ")");
        }
        OptionalDouble strength = denoise.strength();
        if (method.equals(BICUBIC) && (model.model() != null || tiling.given() || strength.isPresent())) {
            throw new ParameterException(spec.commandLine(), "--model, --denoise, --tile and --max-memory apply to"
                    + " --method model, not to --method bicubic");
        }
        Session session = root.session();
        boolean learned = method.equals(MODEL);
        int workers = runtime.workers(learned ? 1 : session.cores());
        EngineThreads.configure(runtime.threads(EngineThreads.defaultIntraOp(session.cores(), workers)), 1);
        Callable<ImageOperation> operation;
        if (learned) {
            Tiling tiles = tiling.tiling();
            StoredModel chosen = SrModelChoice.requireScale(model.model() == null
                    ? SrModelChoice.standard(environment.models(), scale)
                    : ModelArgument.resolve(model.model(), session, environment), scale);
            // a model named with --model runs as it is unless --denoise is given; the default model is blended
            Optional<StoredModel> base = strength.isPresent()
                    ? Optional.of(SrModelChoice.denoisePair(environment.models(), chosen))
                    : model.model() == null ? SrModelChoice.defaultDenoisePair(environment.models(), chosen)
                    : Optional.empty();
            if (base.isEmpty()) {
                operation = () -> UpscaleOperation.model(chosen, tiles);
            } else {
                double s = strength.orElse(SrModelChoice.DEFAULT_DENOISE);
                operation = () -> UpscaleOperation.blended(chosen, base.get(), s, tiles);
            }
        } else {
            operation = () -> UpscaleOperation.bicubic(scale);
        }
        return new BatchInvocation(session, inputs, outputs, runtime).run(operation, workers);
    }
}
