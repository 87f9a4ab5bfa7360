package dev.attnvision.cli;

import picocli.CommandLine;

/** Entry point; the only place that calls {@link System#exit}. */
public final class Main {
    private Main() {}

    /** Builds the command line with attnvision's exit codes. */
    public static CommandLine commandLine() {
        return new CommandLine(new AttnVisionCommand())
                .setExitCodeExceptionMapper(t -> ExitCodes.USAGE)
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
