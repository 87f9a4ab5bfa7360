package dev.attnvision.core.pipeline;

import dev.attnvision.core.image.Raster;

/**
 * The per-image work of one inference worker. Each worker thread owns one instance, so it may hold state that
 * is not thread-safe (a DJL {@code Predictor}); it is closed when the run ends.
 */
public interface ImageProcessor extends AutoCloseable {
    /**
     * Processes one decoded image.
     *
     * @return the image to write (if any) and the operation's own result fields
     * @throws Exception anything that makes this image fail; the run goes on with the next one
     */
    ProcessedImage process(Raster image) throws Exception;

    /** Releases what this worker holds (its predictor, native memory). */
    @Override
    void close();
}
