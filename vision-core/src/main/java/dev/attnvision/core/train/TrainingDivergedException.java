package dev.attnvision.core.train;

/**
 * Training stopped because a step's loss was not finite (NaN or infinite): the learning rate was too high for the
 * data or the network. The newest checkpoint predates the divergence, so the run can resume with a lower rate.
 */
public final class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(long iteration, double loss) {
        super("training diverged at iteration " + iteration + " (loss " + loss + "); resume from the last checkpoint"
                + " with --resume and a lower --lr, or start again with a lower --lr");
    }
}
