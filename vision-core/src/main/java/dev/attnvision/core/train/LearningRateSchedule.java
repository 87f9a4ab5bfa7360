package dev.attnvision.core.train;

/**
 * The learning rate as a pure function of the 0-based iteration, so a resumed run continues on the same curve.
 */
public sealed interface LearningRateSchedule permits StepSchedule, CosineSchedule {
    /** The learning rate for the update made at {@code iteration} (0-based). */
    double rateAt(long iteration);

    /** Linear warm-up factor {@code (iteration + 1) / warmup} during the first {@code warmup} iterations, else 1. */
    static double warmupFactor(long iteration, long warmup) {
        return iteration < warmup ? (iteration + 1) / (double) warmup : 1;
    }
}
