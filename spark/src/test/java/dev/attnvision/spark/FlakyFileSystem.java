package dev.attnvision.spark;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local disk as the {@code flaky:} scheme, where the {@value #CRASH_AT}th rename of an output file out of the job's
 * temporary folder dies the way a killed executor does: the file it was moving stays behind as a finished temporary
 * file, and the task fails with a non-fatal error, so Spark retries it.
 */
public final class FlakyFileSystem extends RawLocalFileSystem {
    /** Which rename of an output (counted over the JVM) crashes. */
    static final int CRASH_AT = 2;
    static final AtomicInteger RENAMES = new AtomicInteger();

    /** What the crashing rename throws: not an exception, so no per-image handler takes it for a bad image. */
    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;

        SimulatedCrash() {
            super("simulated executor loss in the middle of writing outputs");
        }
    }

    @Override
    public URI getUri() {
        return URI.create("flaky:///");
    }

    @Override
    public String getScheme() {
        return "flaky";
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        if (src.toString().contains(HadoopOutputs.TEMPORARY) && RENAMES.incrementAndGet() == CRASH_AT) {
            throw new SimulatedCrash();
        }
        return super.rename(src, dst);
    }
}
