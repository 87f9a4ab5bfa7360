package dev.attnvision.cli;

import dev.attnvision.cli.mixin.InputOptions;
import dev.attnvision.cli.mixin.OutputOptions;
import dev.attnvision.cli.mixin.RuntimeOptions;
import dev.attnvision.core.pipeline.EngineThreads;
import dev.attnvision.core.sr.UpscaleOperation;
import java.util.List;
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
        description = {"Upscale images by 2, 3 or 4 (super-resolution).",
            "Grey stays grey, 16-bit stays 16-bit, alpha is upscaled separately; EXIF orientation is applied.",
            "Outputs are written atomically; a bad input is reported and skipped, the run goes on."},
        footerHeading = "%nExamples:%n",
        footer = {"  attnvision upscale photo.jpg -o big/",
            "  attnvision upscale -r shots/ -o big/ -s 2 --format png --suffix _x2",
            "  find shots -name '*.png' | attnvision upscale - -o big/ --skip-existing",
            "  attnvision upscale 'scans/**/*.tif' -o out/ --json > results.jsonl"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every input was processed (or skipped)", "1:some inputs failed (each one was reported)",
            "2:usage error (bad option, missing input, unwritable output); nothing was processed"})
public final class UpscaleCommand implements Callable<Integer> {
    private static final List<Integer> SCALES = List.of(2, 3, 4);
    private static final List<String> METHODS = List.of("bicubic");

    @ParentCommand AttnVisionCommand root;
    @Spec CommandSpec spec;
    @Option(names = {"-s", "--scale"}, paramLabel = "N", defaultValue = "4",
            description = "Upscaling factor: 2, 3 or 4 (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--method", paramLabel = "NAME", defaultValue = "bicubic", completionCandidates = Methods.class,
            description = "Upscaling method: ${COMPLETION-CANDIDATES} (the non-learned baseline; default: ${DEFAULT-VALUE}).")
    String method;

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

    @Override
    public Integer call() throws Exception {
        if (!SCALES.contains(scale)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--scale': " + scale + " (expected 2, 3 or 4)");
        }
        if (!METHODS.contains(method)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--method': '" + method
                    + "' (expected one of " + String.join(", ", METHODS) + ")");
        }
        Session session = root.session();
        int workers = runtime.workers(session.cores());
        EngineThreads.configure(runtime.threads(EngineThreads.defaultIntraOp(session.cores(), workers)), 1);
        return new BatchInvocation(session, inputs, outputs, runtime).run(() -> UpscaleOperation.bicubic(scale), workers);
    }
}
