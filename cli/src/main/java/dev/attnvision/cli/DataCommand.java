package dev.attnvision.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code attnvision data}: tools for labelled datasets, one subcommand class each. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Inspect a labelled dataset.",
        subcommands = {DataCheckCommand.class})
public final class DataCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: check (see 'attnvision data --help').");
    }
}
