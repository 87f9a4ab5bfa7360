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
        subcommands = {UpscaleCommand.class, ExplainCommand.class, ModelsCommand.class, CompletionCommand.class},
        footer = {"", "Run 'attnvision COMMAND --help' for a command's options and examples.",
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
