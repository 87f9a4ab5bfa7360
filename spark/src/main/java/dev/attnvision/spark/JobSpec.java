package dev.attnvision.spark;

import dev.attnvision.core.pipeline.OutputNaming;
import java.io.Serializable;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * Everything an executor needs for its tasks, broadcast once per executor.
 *
 * @param jobId names this run's temporary folder
 * @param operation what to do to each image
 * @param naming how output files are named and encoded, and what to do with existing ones
 * @param output the output folder as a Hadoop URI (local path, {@code hdfs://}, {@code s3a://})
 * @param hadoop the driver's Hadoop configuration (file system settings, credentials providers)
 * @param maxPixels the decoder's pixel limit
 * @param startMillis when the job started: an existing output younger than this was written by an earlier attempt
 *     of the same task, which a retry replaces
 */
record JobSpec(String jobId, JobOperation operation, OutputNaming naming, String output, Map<String, String> hadoop,
        long maxPixels, long startMillis) implements Serializable {
    JobSpec {
        hadoop = Map.copyOf(hadoop);
    }

    /** The Hadoop configuration the driver had. */
    Configuration configuration() {
        Configuration conf = new Configuration(false);
        hadoop.forEach(conf::set);
        return conf;
    }
}
