package dev.attnvision.cli;

import dev.attnvision.core.pipeline.InputSpecException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point; the only place that calls {@link System#exit}. */
public final class Main {
    private Main() {}

    /** Builds the command line for the real process. */
    public static CommandLine commandLine() {
        return commandLine(Session.system());
    }

    /**
     * Builds the command line with attnvision's exit codes, reading and writing through {@code session}.
     * {@code @file} expansion is off: {@code @LIST} arguments are lists of image paths, one per line.
     */
    public static CommandLine commandLine(Session session) {
        return new CommandLine(new AttnVisionCommand(session))
                .setOut(new PrintWriter(session.out(), true))
                .setErr(new PrintWriter(session.err(), true))
                .setExpandAtFiles(false)
                .setExitCodeExceptionMapper(t -> ExitCodes.USAGE)
                .setExecutionExceptionHandler((ex, cmd, parseResult) -> {
                    if (ex instanceof InputSpecException) {
                        cmd.getErr().println(cmd.getColorScheme().errorText("attnvision: " + ex.getMessage()));
                        return ExitCodes.USAGE;
                    }
                    throw ex;
                })
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
        Session session = Session.system();
        int code = commandLine(session).execute(args);
        session.out().flush();
        System.exit(code);
    }
}
