package dev.attnvision.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code attnvision eval}: lists the benchmarks, one subcommand class each. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Benchmark a model on reference images.",
        subcommands = {EvalSrCommand.class, EvalDetectCommand.class})
public final class EvalCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: sr or detect (see 'attnvision eval --help').");
    }
}
