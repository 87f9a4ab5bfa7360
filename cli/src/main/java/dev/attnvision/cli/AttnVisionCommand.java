package dev.attnvision.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root command: lists the subcommands, one class each. */
@Command(
        name = "attnvision",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersionProvider.class,
        description = "Attention-powered computer vision: object detection and photo upscaling over folders of images.",
        subcommands = {ModelsCommand.class},
        footer = {"", "Exit codes: 0 all done, 1 some inputs failed, 2 usage error."})
public final class AttnVisionCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: run 'attnvision --help' to see them.");
    }
}
