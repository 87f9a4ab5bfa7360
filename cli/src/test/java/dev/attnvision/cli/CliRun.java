package dev.attnvision.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Runs the command line in-process against a working folder and standard input, capturing what it prints. The
 * attnvision home is {@code .home} in the working folder (empty unless a test puts models there), never the
 * user's.
 *
 * @param code the exit code
 * @param out standard output
 * @param err standard error
 */
public record CliRun(int code, String out, String err) {

    static CliRun withStdin(Path workingDir, String stdin, String... args) {
        return run(workingDir, stdin, null, args);
    }

    /** Runs with {@code home} as ATTNVISION_HOME (its {@code models} folder holds the stored models). */
    public static CliRun withHome(Path workingDir, Path home, String... args) {
        return run(workingDir, "", new CliEnvironment(home, Clock.systemUTC()), args);
    }

    /** @param environment the commands' environment, or null for an empty home in the working folder */
    private static CliRun run(Path workingDir, String stdin, CliEnvironment environment, String... args) {
        return run(AttnVisionCommand.class, workingDir, stdin, environment, args);
    }

    /** Runs another root command (the Spark module's) with {@code home} as ATTNVISION_HOME, like {@link #withHome}. */
    public static CliRun ofRoot(Class<?> rootCommand, Path workingDir, Path home, String... args) {
        return run(rootCommand, workingDir, "", new CliEnvironment(home, Clock.systemUTC()), args);
    }

    private static CliRun run(Class<?> rootCommand, Path workingDir, String stdin, CliEnvironment environment,
            String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Session session = new Session(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                workingDir, false, System::nanoTime, 2);
        CliEnvironment env = environment != null ? environment : new CliEnvironment(home(workingDir), Clock.systemUTC());
        int code = Main.commandLine(rootCommand, session, env).execute(args);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The attnvision home the runs in {@code workingDir} use. */
    static Path home(Path workingDir) {
        return workingDir.resolve(".home");
    }

    static CliRun in(Path workingDir, String... args) {
        return withStdin(workingDir, "", args);
    }

    /** Standard error's lines. */
    public List<String> errLines() {
        return err.lines().toList();
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
