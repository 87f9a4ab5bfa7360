package dev.attnvision.core.pipeline;

/**
 * What a batch does to each image (upscale, detect), as a thread-safe factory of per-worker
 * {@link ImageProcessor}s. It owns what the workers share (a loaded DJL {@code Model}); each processor owns
 * what must not be shared (a {@code Predictor}).
 *
 * <pre>{@code
 * try (ImageOperation op = new UpscaleOperation(...)) {      // loads the model once
 *     BatchSummary s = runner.run(inputs, op, layout);         // op.newProcessor() per worker thread
 * }
 * }</pre>
 */
public interface ImageOperation extends AutoCloseable {
    /** A short verb for messages and the summary, e.g. "upscale". */
    String name();

    /** A new processor for one worker thread; called once per worker before the run starts. */
    ImageProcessor newProcessor() throws Exception;

    /** Releases what the workers shared; called after every processor is closed. */
    @Override
    void close();
}
