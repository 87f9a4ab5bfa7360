package dev.attnvision.core.pipeline;

/**
 * Follows a run: progress display, error lines, JSON records. Calls come from one thread at a time, and
 * {@link #finished} comes in input order.
 */
public interface BatchListener {
    /** The run starts with {@code total} inputs. */
    void started(int total);

    /** One input is done (successfully or not). */
    void finished(ImageResult result);
}
