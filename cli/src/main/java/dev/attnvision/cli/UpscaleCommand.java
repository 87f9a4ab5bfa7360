package dev.attnvision.cli;

import dev.attnvision.cli.mixin.InputOptions;
import dev.attnvision.cli.mixin.OutputOptions;
import dev.attnvision.cli.mixin.RuntimeOptions;
import dev.attnvision.cli.mixin.UpscaleOptions;
import dev.attnvision.core.pipeline.EngineThreads;
import dev.attnvision.core.sr.UpscalePlan;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code attnvision upscale}: super-resolution over files and folders. */
@Command(name = "upscale", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Upscale images by 2, 3 or 4 with a super-resolution model (A2N), or with bicubic interpolation.",
            "The default model for photos (a2n-xN-photo) removes the blur, noise and JPEG artefacts of",
            "camera and web photos while upscaling; --denoise S below 1 restores less, by blending it with the clean",
            "model it was trained from (a2n-xN, for renders and clean scans). a2n-xN-real suits badly degraded photos.",
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
    private final CliEnvironment environment;
    @ParentCommand AttnVisionCommand root;
    @Mixin UpscaleOptions upscale;
    @Mixin InputOptions inputs;
    @Mixin OutputOptions outputs;
    @Mixin RuntimeOptions runtime;

    public UpscaleCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        Session session = root.session();
        UpscalePlan plan = upscale.plan(session, environment);
        int workers = runtime.workers(upscale.learned() ? 1 : session.cores());
        EngineThreads.configure(runtime.threads(EngineThreads.defaultIntraOp(session.cores(), workers)), 1);
        return new BatchInvocation(session, inputs, outputs, runtime).run(plan::open, workers);
    }
}
