package dev.attnvision.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code attnvision models}: lists its subcommands, one class each. */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        description = {"Manage models: the bundled ones and those in $ATTNVISION_HOME/models (default ~/.attnvision/models)."},
        subcommands = {ModelsListCommand.class, ModelsInfoCommand.class, ModelsVerifyCommand.class,
            ModelsImportCommand.class})
public final class ModelsCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "Missing subcommand: list, info, verify or import (see 'attnvision models --help').");
    }
}
