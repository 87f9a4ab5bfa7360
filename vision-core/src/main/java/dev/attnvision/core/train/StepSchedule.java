package dev.attnvision.core.train;

/**
 * Step decay, as in EDSR/BasicSR's MultiStepLR with equal steps: {@code lr(i) = base * gamma^floor(i / stepSize)},
 * times a linear warm-up over the first {@code warmup} iterations.
 *
 * @param base the initial learning rate, positive
 * @param stepSize iterations between decays, positive
 * @param gamma the decay factor, in (0, 1]
 * @param warmup warm-up iterations, 0 for none
 */
public record StepSchedule(double base, long stepSize, double gamma, long warmup) implements LearningRateSchedule {
    public StepSchedule {
        if (!(base > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + base);
        }
        if (stepSize < 1) {
            throw new IllegalArgumentException("step size must be at least 1 iteration, got " + stepSize);
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("decay factor gamma must be in (0, 1], got " + gamma);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("warm-up must be 0 or more iterations, got " + warmup);
        }
    }

    /** Halves the rate {@code decays} times, evenly over {@code iterations} (the A2N recipe halves every 200k). */
    public static StepSchedule halving(double base, long iterations, int decays) {
        return new StepSchedule(base, Math.max(1, iterations / (decays + 1)), 0.5, 0);
    }

    @Override
    public double rateAt(long iteration) {
        return base * Math.pow(gamma, iteration / stepSize) * LearningRateSchedule.warmupFactor(iteration, warmup);
    }
}
