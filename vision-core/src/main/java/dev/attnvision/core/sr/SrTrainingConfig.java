package dev.attnvision.core.sr;

import ai.djl.training.loss.Loss;
import dev.attnvision.core.data.degradation.Degradation;
import dev.attnvision.core.train.CosineSchedule;
import dev.attnvision.core.train.LearningRateSchedule;
import dev.attnvision.core.train.StepSchedule;
import dev.attnvision.core.train.TrainingLoop;
import java.util.Objects;

/**
 * Settings of a super-resolution training run.
 *
 * @param scale upscaling factor, 2..4
 * @param degradation how HR patches become LR inputs (and the validation images too, seeded by {@code seed})
 * @param patch HR patch side in pixels, a multiple of {@code scale}
 * @param batch patches per iteration
 * @param iterations iteration count at which training ends
 * @param learningRate initial (peak) learning rate
 * @param schedule how the rate decays
 * @param validateEvery iterations between validations, 0 for the end only
 * @param checkpointEvery iterations between checkpoints
 * @param logEvery iterations per log row
 * @param seed the seed of initialisation and of every random choice of the data
 * @param workers data worker threads
 * @param averageWeights validate and export an exponential moving average of the weights ({@code WeightAverage}),
 *     as BasicSR's Real-ESRNet recipe does, instead of the last ones
 * @param loss the pixel loss between the network's output and the HR patch
 */
public record SrTrainingConfig(int scale, Degradation degradation, int patch, int batch, long iterations, double learningRate,
        Schedule schedule, long validateEvery, long checkpointEvery, long logEvery, long seed, int workers,
        boolean averageWeights, PixelLoss loss) {
    /** Learning-rate decays on offer. */
    public enum Schedule {
        /** Cosine to 1% of the peak, with a warm-up over the first 1% of iterations (at most 2000). */
        COSINE,
        /** Halved 4 times at even intervals (A2N's recipe: halve every 200k of 1M). */
        STEP
    }

    /** Pixel losses on offer. */
    public enum PixelLoss {
        /**
         * Mean absolute error, as EDSR and A2N train: it converges better than the squared error (Lim et al. 2017,
         * "Enhanced Deep Residual Networks for Single Image Super-Resolution", section 4.4).
         */
        L1,
        /**
         * Mean squared error, the quantity PSNR measures: for an input that admits many originals (noise, JPEG) it
         * aims at their mean, where L1 aims at their median. Used to fine-tune an L1-trained model for PSNR.
         */
        MSE;

        /** The DJL loss. */
        public Loss djl() {
            return this == L1 ? Loss.l1Loss() : Loss.l2Loss("MSE", 1);
        }
    }

    public SrTrainingConfig {
        Objects.requireNonNull(loss, "loss");
        if (scale < 2 || scale > 4) {
            throw new IllegalArgumentException("scale must be 2, 3 or 4, got " + scale);
        }
        if (patch < scale || patch % scale != 0) {
            throw new IllegalArgumentException("--patch must be a multiple of the scale " + scale + ", got " + patch);
        }
        if (batch < 1 || workers < 1) {
            throw new IllegalArgumentException("--batch and --workers must be at least 1, got " + batch + " and " + workers);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("--lr must be positive, got " + learningRate);
        }
        new TrainingLoop.Settings(iterations, logEvery, validateEvery, checkpointEvery); // validates the intervals
    }

    /** The loop settings these imply. */
    public TrainingLoop.Settings loopSettings() {
        return new TrainingLoop.Settings(iterations, logEvery, validateEvery, checkpointEvery);
    }

    /** The learning-rate schedule these imply. */
    public LearningRateSchedule learningRateSchedule() {
        return switch (schedule) {
            case COSINE -> {
                long warmup = Math.min(2000, iterations / 100);
                yield new CosineSchedule(learningRate, learningRate / 100, iterations, warmup);
            }
            case STEP -> StepSchedule.halving(learningRate, iterations, 4);
        };
    }
}
