package dev.attnvision.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root command: lists the subcommands, one class each, and hands them the {@link Session}. */
@Command(
        name = "attnvision",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersionProvider.class,
        description = "Attention-powered computer vision: object detection and photo upscaling over folders of images.",
        subcommands = {DetectCommand.class, UpscaleCommand.class, ExplainCommand.class, TrainCommand.class,
            EvalCommand.class, DataCommand.class, ModelsCommand.class, SynthCommand.class, BenchCommand.class, CompletionCommand.class},
        footer = {"", "Examples:",
            "  attnvision detect cells/ -o out/ --model bccd --save-json",
            "  attnvision upscale -r photos/ -o big/ -s 4",
            "  attnvision upscale photos/ -o big/ --skip-existing --json > upscale.jsonl",
            "  attnvision train sr --data train291/ --scale 2 --val Set5/HR -o runs/x2",
            "  attnvision eval sr --model runs/x2/best --scale 2 Set5/HR",
            "  attnvision explain photos/ -o why/ --model a2n-x2",
            "  attnvision train detect --data synth:shapes --epochs 10 --img-size 256 -o runs/shapes",
            "  source <(attnvision completion bash)",
            "", "Run 'attnvision COMMAND --help' for a command's options and examples.",
            "Exit codes: 0 all done, 1 some inputs failed, 2 usage error."})
public final class AttnVisionCommand implements Runnable {
    private final Session session;

    @Spec CommandSpec spec;

    public AttnVisionCommand(Session session) {
        this.session = session;
    }

    /** The process (or test) environment commands run in. */
    Session session() {
        return session;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: run 'attnvision --help' to see them.");
    }
}
