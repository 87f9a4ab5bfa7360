package dev.attnvision.spark;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;

/** Opens the Hadoop file system of a path, saying what to do when its connector is missing. */
final class HadoopFileSystems {
    private HadoopFileSystems() {}

    /**
     * The file system {@code path} lives on.
     *
     * @throws IOException naming the scheme and the connector to add when none serves it here
     */
    static FileSystem of(Path path, Configuration conf) throws IOException {
        try {
            return path.getFileSystem(conf);
        } catch (RuntimeException | UnsupportedFileSystemException e) {
            String scheme = path.toUri().getScheme();
            throw new IOException("no file system for " + scheme + ":// paths here (" + rootMessage(e) + "); add its"
                    + " Hadoop connector to the job (for s3a, hadoop-aws and its AWS SDK: spark-submit --packages"
                    + " org.apache.hadoop:hadoop-aws:<Spark's Hadoop version>)", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
