package dev.attnvision.core.pipeline;

/**
 * How a run is spread over threads.
 *
 * @param decoders threads reading and decoding files
 * @param workers inference threads, each with its own {@link ImageProcessor}
 * @param encoders threads encoding and writing outputs
 * @param failFast stop starting new inputs after the first failure
 */
public record BatchOptions(int decoders, int workers, int encoders, boolean failFast) {
    public BatchOptions {
        if (decoders < 1 || workers < 1 || encoders < 1) {
            throw new IllegalArgumentException("thread counts must be at least 1, got decoders=" + decoders
                    + " workers=" + workers + " encoders=" + encoders);
        }
    }

    /** {@code workers} inference threads, with decoders and encoders from the core count ({@code cores / 2}, at least 1). */
    public static BatchOptions forWorkers(int workers, int cores, boolean failFast) {
        int io = Math.max(1, cores / 2);
        return new BatchOptions(io, workers, io, failFast);
    }
}
