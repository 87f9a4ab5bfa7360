package dev.attnvision.core.train;

/**
 * What a checkpoint records besides the weights and optimizer moments.
 *
 * <p>There is no random-generator state to save: every random choice of iteration {@code i} (patches, flips) is drawn
 * from a generator seeded with {@code (seed, i)}, so {@code seed} and {@code iteration} determine the rest of the run.
 *
 * @param iteration iterations completed; the next one to run has this 0-based index
 * @param seed the run's seed
 * @param bestMetric the best validation value so far, NaN before the first validation
 * @param bestIteration the iteration count at which {@code bestMetric} was reached, 0 before
 * @param trainingSeconds wall time spent training so far, over all sessions of the run
 */
public record TrainingState(long iteration, long seed, double bestMetric, long bestIteration, double trainingSeconds) {
    public TrainingState {
        if (iteration < 0 || bestIteration < 0 || bestIteration > iteration) {
            throw new IllegalArgumentException("inconsistent training state: iteration " + iteration
                    + ", best at " + bestIteration);
        }
        if (trainingSeconds < 0) {
            throw new IllegalArgumentException("training time cannot be negative, got " + trainingSeconds);
        }
    }

    /** The state of a run that has not started. */
    public static TrainingState start(long seed) {
        return new TrainingState(0, seed, Double.NaN, 0, 0);
    }

    /** Whether {@code metric} (higher is better) beats the best so far. */
    public boolean improvesOn(double metric) {
        return Double.isNaN(bestMetric) || metric > bestMetric;
    }
}
