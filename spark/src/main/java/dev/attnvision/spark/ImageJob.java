package dev.attnvision.spark;

import dev.attnvision.core.pipeline.InputSpecException;
import dev.attnvision.core.pipeline.OutputNaming;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The driver's side of a job: list the inputs, cut them into partitions by file count, broadcast the job (models
 * included) once per executor, run one {@link PartitionTask} per partition (which writes its part of the results
 * table) and add up their counts. The results are read back with Spark SQL only for Parquet or the run's tables.
 *
 * <pre>
 *   binaryFile listing (paths only) --&gt; partitions of N files --&gt; tasks: read, decode, process, write (temp + rename)
 *       --&gt; each task's rows as OUT/results/part-N.json, its counts to the driver [--&gt; OUT/results-parquet/]
 * </pre>
 */
final class ImageJob {
    /** The results table's folder below the output folder (JSON Lines). */
    static final String RESULTS = "results";
    /** The Parquet copy's folder below the output folder. */
    static final String RESULTS_PARQUET = "results-parquet";
    /** Each task slot gets at least this many partitions, so no slot idles while another finishes a long one. */
    private static final int PARTITIONS_PER_SLOT = 4;

    /**
     * Where the inputs come from and how they are cut.
     *
     * @param arguments folders, globs or files (Hadoop paths), {@code @LIST} or {@code -}, as the user gave them
     * @param stdin where {@code -} reads paths from
     * @param local makes a path given as text usable here (relative ones against the user's folder)
     * @param recursive whether folders are listed into sub-folders
     * @param extensions the extensions taken from folders and globs
     * @param filesPerPartition most files per partition (a task)
     */
    record Inputs(List<String> arguments, InputStream stdin, UnaryOperator<String> local, boolean recursive,
            Collection<String> extensions, int filesPerPartition) {}

    /**
     * What a job did.
     *
     * @param ok inputs processed
     * @param skipped inputs whose outputs existed (--skip-existing)
     * @param failed inputs that failed, each with its reason in the results
     * @param partitions the partitions (tasks) the inputs were cut into
     * @param elapsed wall time from listing to counted results
     */
    record Summary(long ok, long skipped, long failed, int partitions, Duration elapsed) {
        long total() {
            return ok + skipped + failed;
        }
    }

    /** Files made once per run on the driver, from the results table (the detection tables). */
    interface RunFiles {
        /**
         * Writes them.
         *
         * @param results the results table as written
         * @param inputs the job's inputs, in listing order
         * @param outputs the output folder
         */
        void write(Dataset<Row> results, List<InputRef> inputs, HadoopOutputs outputs) throws IOException;
    }

    private final SparkSession spark;

    ImageJob(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * Runs {@code operation} over the inputs into {@code output}.
     *
     * @param naming how outputs are named and what happens to existing ones
     * @param maxPixels the decoder's pixel limit
     * @param parquet whether the results are also written as Parquet
     * @param runFiles what else to make from the results, or null
     * @throws InputSpecException on inputs that name nothing or an unusable output folder (nothing is processed)
     */
    Summary run(JobOperation operation, Inputs inputs, String output, OutputNaming naming, long maxPixels,
            boolean parquet, RunFiles runFiles) throws InputSpecException, IOException {
        long start = System.currentTimeMillis();
        List<InputRef> refs = InputListing.list(spark, inputs.arguments(), inputs.stdin(), inputs.local(),
                inputs.recursive(), inputs.extensions(), output);
        for (InputRef ref : refs) {
            String top = ref.relative().contains("/") ? ref.relative().substring(0, ref.relative().indexOf('/')) : "";
            if (top.equals(RESULTS) || top.equals(RESULTS_PARQUET)) {
                throw new InputSpecException("the input " + ref.uri() + " is in a folder named " + top + ", whose"
                        + " outputs would go where the job writes its results table (" + output + "/" + top + "); give"
                        + " that folder as an input of its own (its files then go straight below -o), or rename it");
            }
        }
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        checkWritable(output, conf);
        Map<String, String> hadoop = new HashMap<>();
        conf.forEach(e -> hadoop.put(e.getKey(), e.getValue()));
        JobSpec spec = new JobSpec(UUID.randomUUID().toString(), operation, naming, output, hadoop, maxPixels, start);
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int slots = context.defaultParallelism();
        int partitions = Math.max(1, Math.max(ceilDiv(refs.size(), inputs.filesPerPartition()),
                Math.min(refs.size(), slots * PARTITIONS_PER_SLOT)));
        Broadcast<JobSpec> shipped = context.broadcast(spec);
        String results = new Path(output, RESULTS).toString();
        HadoopOutputs outputs = new HadoopOutputs(output, spec.jobId(), conf);
        long[] total = new long[3];
        try {
            outputs.delete(RESULTS); // an earlier run's parts, which may be more than this run's
            for (long[] counts : context.parallelize(refs, partitions).mapPartitions(new PartitionTask(shipped))
                    .collect()) {
                Arrays.setAll(total, i -> total[i] + counts[i]);
            }
            if (parquet || runFiles != null) {
                Dataset<Row> written = spark.read().schema(ResultRows.schema(operation)).json(results);
                if (parquet) {
                    written.write().mode(SaveMode.Overwrite).parquet(new Path(output, RESULTS_PARQUET).toString());
                }
                if (runFiles != null) {
                    runFiles.write(written, refs, outputs);
                }
            }
        } finally {
            shipped.destroy();
            outputs.deleteTemporary();
        }
        return new Summary(total[0], total[1], total[2], partitions,
                Duration.ofMillis(System.currentTimeMillis() - start));
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static void checkWritable(String output, Configuration conf) throws InputSpecException {
        Path root = new Path(output);
        try {
            var fs = HadoopFileSystems.of(root, conf);
            fs.mkdirs(root);
            Path probe = new Path(root, "_attnvision-write-test-" + UUID.randomUUID());
            fs.create(probe, false).close();
            fs.delete(probe, false);
        } catch (IOException e) {
            throw new InputSpecException("cannot write to the output folder " + output + ": " + e.getMessage()
                    + " (choose a writable folder with -o)");
        }
    }
}
