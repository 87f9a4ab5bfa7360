package dev.attnvision.cli;

import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine;

/** Entry point; the only place that calls {@link System#exit}. */
public final class Main {
    private Main() {}

    /** Builds the command line for this process's environment ({@code ATTNVISION_HOME}, the system clock). */
    public static CommandLine commandLine() {
        return commandLine(CliEnvironment.of(System.getenv(), Path.of(System.getProperty("user.home")),
                Clock.systemUTC()));
    }

    /** Builds the command line with attnvision's exit codes, its commands seeing {@code environment}. */
    public static CommandLine commandLine(CliEnvironment environment) {
        ExitCodeMapper errors = new ExitCodeMapper();
        return new CommandLine(AttnVisionCommand.class, new CommandFactory(environment))
                .setExecutionExceptionHandler(errors)
                .setExitCodeExceptionMapper(errors)
                .setParameterExceptionHandler((ex, args) -> {
                    CommandLine cmd = ex.getCommandLine();
                    cmd.getErr().println(cmd.getColorScheme().errorText("attnvision: " + ex.getMessage()));
                    if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, cmd.getErr())) {
                        cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
                    }
                    return ExitCodes.USAGE;
                });
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
