package dev.attnvision.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes a job's output files through Hadoop's {@link FileSystem} (local disk, HDFS, S3A alike), so that no reader
 * ever sees a partial file: each file is written whole under the job's temporary folder, {@value #TEMPORARY}/<job>,
 * then renamed to its name. A task killed mid-write leaves only a temporary file, which the driver deletes with the
 * folder when the job ends; the retried task writes its own and renames it over nothing or over a whole file.
 */
final class HadoopOutputs {
    /** The folder below the output folder holding files being written; Spark's readers skip names with '_'. */
    static final String TEMPORARY = "_attnvision_tmp";

    private final Path root;
    private final Path temporary;
    private final FileSystem fs;
    /** Folders made by this task's writes, so each is made once, not once per file. */
    private final Set<Path> madeFolders = new HashSet<>();

    /**
     * @param output the output folder URI
     * @param jobId the job's id (its temporary folder's name)
     * @param conf the file system settings
     */
    HadoopOutputs(String output, String jobId, Configuration conf) throws IOException {
        Path given = new Path(output);
        this.fs = HadoopFileSystems.of(given, conf);
        this.root = fs.makeQualified(given);
        fs.setWriteChecksum(false); // no .crc file beside each output on a local disk
        this.temporary = new Path(new Path(root, TEMPORARY), jobId);
    }

    /** The file {@code relative} (slash-separated, no leading slash) below the output folder. */
    Path resolve(String relative) {
        return new Path(root, relative);
    }

    /** The modification time of {@code file} in milliseconds, or -1 if it does not exist. */
    long modified(Path file) throws IOException {
        try {
            return fs.getFileStatus(file).getModificationTime(); // one call: on S3 each is a request
        } catch (FileNotFoundException e) {
            return -1;
        }
    }

    /** Writes {@code bytes} as {@code target}, replacing a file there, never leaving a partial file at that name. */
    void write(Path target, byte[] bytes) throws IOException {
        Path part = new Path(temporary, UUID.randomUUID() + "-" + target.getName());
        try (OutputStream out = fs.create(part, true)) {
            out.write(bytes);
        }
        Path parent = target.getParent();
        if (parent != null && madeFolders.add(parent)) {
            fs.mkdirs(parent);
        }
        fs.delete(target, false); // false, and nothing done, when there is none
        if (!fs.rename(part, target)) {
            fs.delete(part, false);
            throw new IOException("could not move the finished file into place as " + target);
        }
    }

    /** Deletes {@code relative} below the output folder, with what it holds, if it exists. */
    void delete(String relative) throws IOException {
        fs.delete(resolve(relative), true);
    }

    /** Deletes the job's temporary folder (what killed tasks left), and the temporary root if that empties it. */
    void deleteTemporary() throws IOException {
        fs.delete(temporary, true);
        Path parent = temporary.getParent();
        if (fs.exists(parent) && fs.listStatus(parent).length == 0) {
            fs.delete(parent, false);
        }
    }
}
