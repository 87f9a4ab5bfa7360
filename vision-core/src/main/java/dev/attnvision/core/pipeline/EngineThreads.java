package dev.attnvision.core.pipeline;

/**
 * PyTorch's CPU thread pools, which DJL 0.35.1 sizes from the system properties
 * {@code ai.djl.pytorch.num_threads} (intra-op: threads inside one operator) and
 * {@code ai.djl.pytorch.num_interop_threads} when its PyTorch engine starts. They must therefore be set before
 * the first model or NDArray is created; later calls have no effect on a running engine.
 */
public final class EngineThreads {
    private EngineThreads() {}

    /** Intra-op threads that keep {@code workers} inference threads from oversubscribing {@code cores}. */
    public static int defaultIntraOp(int cores, int workers) {
        return Math.max(1, cores / Math.max(1, workers));
    }

    /** Asks the PyTorch engine, when it starts in this process, for these pool sizes. */
    public static void configure(int intraOp, int interOp) {
        if (intraOp < 1 || interOp < 1) {
            throw new IllegalArgumentException("thread counts must be at least 1, got intra-op " + intraOp
                    + ", inter-op " + interOp);
        }
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(intraOp));
        System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(interOp));
    }
}
