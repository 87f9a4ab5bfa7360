package dev.attnvision.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code attnvision synth}: lists the synthetic datasets, one subcommand class each. */
@Command(name = "synth", mixinStandardHelpOptions = true, description = "Write a synthetic dataset to disk.",
        subcommands = {SynthShapesCommand.class})
public final class SynthCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: shapes (see 'attnvision synth --help').");
    }
}
