package dev.attnvision.spark;

import dev.attnvision.cli.ExitCodes;
import dev.attnvision.cli.Session;
import dev.attnvision.cli.mixin.OutputOptions;
import java.util.Locale;
import org.apache.spark.SparkException;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** What both Spark commands do once their operation is known: start Spark, run the job, report, exit code. */
final class SparkJobRun {
    private SparkJobRun() {}

    /** A path without a URI scheme, relative to the session's folder as in the CLI; a URI as it is. */
    private static String local(Session session, String path) {
        return path.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") ? path : session.workingDir().resolve(path).toString();
    }

    /**
     * In local mode the tasks run in this JVM: load the models while Spark starts (2-3 s), so the first tasks find
     * them ready. A failure here is left for the tasks to meet and report.
     */
    private static void prefetch(JobOperation operation, int taskCpus) {
        Thread loader = new Thread(() -> {
            try {
                ExecutorModels.prepareEngine(taskCpus);
                ExecutorModels.load(operation);
            } catch (RuntimeException e) {
                // the first task loads again and fails with the reason
            }
        }, "attnvision-model-prefetch");
        loader.setDaemon(true);
        loader.start();
    }

    /**
     * Runs {@code operation} as a job and prints its summary.
     *
     * @param runFiles what to make from the results once the images are done, or null
     *
     * @return {@link ExitCodes#OK}, or {@link ExitCodes#SOME_FAILED} if inputs failed or the job itself failed
     */
    static int run(CommandSpec spec, Session session, SparkJobOptions job, OutputOptions outputs,
            JobOperation operation, ImageJob.RunFiles runFiles) throws Exception {
        if (outputs.output() == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--output=DIR'");
        }
        var naming = outputs.naming();
        ImageJob.Inputs inputs = job.inputs(session.in(), path -> local(session, path));
        String output = local(session, outputs.output());
        if (SparkSessions.local(job.master())) {
            prefetch(operation, job.taskCpus());
        }
        SparkSession spark = SparkSessions.start(operation.name(), job.master(), job.taskCpus(), session.cores());
        ImageJob.Summary summary;
        try {
            summary = new ImageJob(spark).run(operation, inputs, output, naming, job.maxPixels(),
                    job.parquet(), runFiles);
        } catch (Exception e) {
            if (!(e instanceof SparkException)) {
                throw e; // Scala code throws SparkException without declaring it
            }
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            session.err().println("attnvision: the Spark job failed: " + root.getMessage());
            return ExitCodes.SOME_FAILED;
        } finally {
            spark.stop();
        }
        double seconds = summary.elapsed().toMillis() / 1e3;
        session.err().println(String.format(Locale.ROOT, "attnvision: %s %d inputs in %.1f s (%.2f images/s, %d"
                + " partitions): %d ok, %d skipped, %d failed; results in %s/%s/", operation.name(), summary.total(),
                seconds, summary.total() / Math.max(seconds, 1e-3), summary.partitions(), summary.ok(),
                summary.skipped(), summary.failed(), output, ImageJob.RESULTS));
        return summary.failed() > 0 ? ExitCodes.SOME_FAILED : ExitCodes.OK;
    }
}
