package dev.attnvision.core.pipeline;

import java.io.IOException;

/**
 * A {@link BatchListener} that writes files from the run's results beside its images (label files, tables); closed
 * once the run has ended, when it writes what covers the whole run.
 */
public interface ResultFiles extends BatchListener, AutoCloseable {
    @Override
    void close() throws IOException;
}
