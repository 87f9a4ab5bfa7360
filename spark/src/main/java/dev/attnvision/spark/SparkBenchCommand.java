package dev.attnvision.spark;

import dev.attnvision.cli.AttnVisionCommand;
import dev.attnvision.cli.CliEnvironment;
import dev.attnvision.cli.ExitCodes;
import dev.attnvision.cli.Main;
import dev.attnvision.cli.Session;
import dev.attnvision.core.train.FileTrees;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code attnvision spark bench}: a job in local mode against the CLI on the same folder, in this process, runs
 * alternated, medians of wall time (Spark's session start and stop included, as the model load is in both).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time Spark jobs in local mode against the CLI on the same inputs:",
            "'attnvision COMMAND ...' and 'attnvision spark COMMAND ... --master M' for each M,",
            "alternated in this JVM, each into a fresh folder. Prints the median wall time, images/s",
            "and the ratio to the CLI. Both share this JVM's PyTorch thread setting, the first run's."},
        footerHeading = "%nExamples:%n",
        footer = {"  attnvision spark bench -- detect bccd-200/ --model bccd",
            "  attnvision spark bench --runs 5 --masters local[2] -- upscale photos/ -s 2"})
public final class SparkBenchCommand implements Callable<Integer> {
    private final Session session;
    private final CliEnvironment environment;
    @Spec CommandSpec spec;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "Runs of each (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--masters", split = ",", paramLabel = "M", defaultValue = "local[1],local[2]",
            description = "Spark masters to time (default: ${DEFAULT-VALUE}).")
    List<String> masters;

    @Parameters(paramLabel = "COMMAND", arity = "2..*",
            description = "detect or upscale and its inputs and options, without -o (after --).")
    List<String> command;

    public SparkBenchCommand(Session session, CliEnvironment environment) {
        this.session = session;
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        if (!List.of("detect", "upscale").contains(command.get(0))) {
            throw new ParameterException(spec.commandLine(), "Invalid command '" + command.get(0)
                    + "': expected detect or upscale");
        }
        if (runs < 1) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--runs': " + runs);
        }
        Path scratch = Files.createTempDirectory("attnvision-spark-bench");
        try {
            List<String> modes = new ArrayList<>(List.of("CLI"));
            modes.addAll(masters);
            double[][] seconds = new double[modes.size()][runs];
            long inputs = 0;
            for (int r = 0; r < runs; r++) {
                for (int m = 0; m < modes.size(); m++) {
                    Path out = scratch.resolve("run" + r + "-" + m);
                    long t0 = System.nanoTime();
                    int code = m == 0 ? run(AttnVisionCommand.class, out, "-q")
                            : run(SparkCommand.class, out, "--master", modes.get(m));
                    seconds[m][r] = (System.nanoTime() - t0) / 1e9;
                    if (code == ExitCodes.USAGE) {
                        session.err().println("attnvision: the " + modes.get(m) + " run was refused (usage error);"
                                + " check the command with 'attnvision " + String.join(" ", command) + " -o DIR'");
                        return ExitCodes.USAGE;
                    }
                    if (m > 0) {
                        inputs = resultRows(out);
                    }
                    FileTrees.delete(out);
                }
            }
            report(modes, seconds, inputs);
            return ExitCodes.OK;
        } finally {
            FileTrees.delete(scratch);
        }
    }

    private int run(Class<?> root, Path out, String... extra) {
        List<String> args = new ArrayList<>();
        if (root == SparkCommand.class) {
            args.add(command.get(0));
            args.addAll(command.subList(1, command.size()));
        } else {
            args.addAll(command);
        }
        args.addAll(List.of("-o", out.toString()));
        args.addAll(Arrays.asList(extra));
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        Session quiet = new Session(session.in(), discard, discard, session.workingDir(), false, session.nanoTime(),
                session.cores());
        return Main.commandLine(root, quiet, environment).execute(args.toArray(String[]::new));
    }

    private void report(List<String> modes, double[][] seconds, long inputs) {
        session.out().println(String.format(Locale.ROOT, "attnvision spark bench: %s (%d inputs), %d runs each,"
                + " median wall time; %d cores", String.join(" ", command), inputs, runs, session.cores()));
        session.out().println(String.format(Locale.ROOT, "%-12s %9s %9s %7s", "mode", "seconds", "images/s", "vs CLI"));
        double cli = median(seconds[0]);
        for (int m = 0; m < modes.size(); m++) {
            double s = median(seconds[m]);
            session.out().println(String.format(Locale.ROOT, "%-12s %9.2f %9.2f %7.2f", modes.get(m), s, inputs / s,
                    cli / s));
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The rows of a Spark run's results table. */
    private static long resultRows(Path out) throws IOException {
        long rows = 0;
        try (Stream<Path> parts = Files.list(out.resolve(ImageJob.RESULTS))) {
            for (Path part : parts.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                try (Stream<String> lines = Files.lines(part)) {
                    rows += lines.count();
                }
            }
        }
        return rows;
    }
}
