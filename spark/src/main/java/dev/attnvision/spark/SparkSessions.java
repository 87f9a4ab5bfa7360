package dev.attnvision.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Starts the job's Spark session: spark-submit's settings when it launched us, else local mode on this machine. */
final class SparkSessions {
    private SparkSessions() {}

    /** Whether the job runs in this JVM: local mode asked for, or no spark-submit settings. */
    static boolean local(String master) {
        SparkConf conf = new SparkConf();
        String effective = master != null ? master : conf.get("spark.master", "local");
        return effective.startsWith("local");
    }

    /**
     * A session named after the job.
     *
     * @param master the master asked for, or null for spark-submit's (or {@code local[cores]} without it)
     * @param taskCpus {@code spark.task.cpus}, unless spark-submit set it
     * @param cores the cores of this machine, for the local default
     */
    static SparkSession start(String name, String master, int taskCpus, int cores) {
        SparkConf conf = new SparkConf();
        SparkSession.Builder builder = SparkSession.builder().appName("attnvision " + name);
        boolean submitted = conf.contains("spark.master");
        if (master != null || !submitted) {
            builder.master(master != null ? master : "local[" + cores + "]");
            // one machine: no web UI to bind, no console bars mixed into our summary
            builder.config("spark.ui.enabled", conf.get("spark.ui.enabled", "false"));
            builder.config("spark.ui.showConsoleProgress", "false");
        }
        if (!conf.contains("spark.task.cpus")) {
            builder.config("spark.task.cpus", Integer.toString(taskCpus));
        }
        // a partition's file sizes do not matter here: the job cuts partitions by file count itself
        return builder.getOrCreate();
    }
}
