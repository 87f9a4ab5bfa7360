package dev.attnvision.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine;

/** Entry point; the only place that calls {@link System#exit}. */
public final class Main {
    private Main() {}

    /** Builds the command line for the real process: its streams, {@code ATTNVISION_HOME}, the system clock. */
    public static CommandLine commandLine() {
        return commandLine(Session.system(), systemEnvironment());
    }

    /** Builds the command line reading and writing through {@code session}, with the process's environment. */
    public static CommandLine commandLine(Session session) {
        return commandLine(session, systemEnvironment());
    }

    /** Builds the command line with the process's streams, its commands seeing {@code environment}. */
    public static CommandLine commandLine(CliEnvironment environment) {
        return commandLine(Session.system(), environment);
    }

    /**
     * Builds the command line with attnvision's exit codes, reading and writing through {@code session}; commands
     * that ask for them in their constructor get the session and the {@code environment} (see
     * {@link CommandFactory}). {@code @file} expansion is off: {@code @LIST} arguments are lists of image paths,
     * one per line.
     */
    public static CommandLine commandLine(Session session, CliEnvironment environment) {
        return commandLine(AttnVisionCommand.class, session, environment);
    }

    /**
     * Like {@link #commandLine(Session, CliEnvironment)} for another root command (the Spark module's {@code
     * attnvision spark}), so every attnvision command line reports errors and exits alike.
     */
    public static CommandLine commandLine(Class<?> rootCommand, Session session, CliEnvironment environment) {
        ExitCodeMapper errors = new ExitCodeMapper();
        return new CommandLine(rootCommand, new CommandFactory(session, environment))
                .setOut(new PrintWriter(session.out(), true))
                .setErr(new PrintWriter(session.err(), true))
                .setExpandAtFiles(false)
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

    /** The environment of this process: {@code ATTNVISION_HOME} or the user's home, the system clock. */
    public static CliEnvironment systemEnvironment() {
        return CliEnvironment.of(System.getenv(), Path.of(System.getProperty("user.home")), Clock.systemUTC());
    }

    public static void main(String[] args) {
        Session session = Session.system();
        int code = commandLine(session, systemEnvironment()).execute(args);
        session.out().flush();
        System.exit(code);
    }
}
