package dev.attnvision.core.train;

/**
 * Cosine annealing with linear warm-up (Loshchilov and Hutter 2017, "SGDR", arXiv:1608.03983, without restarts):
 * after {@code warmup} iterations ramping linearly up to {@code base},
 * {@code lr(i) = min + (base - min) (1 + cos(pi (i - warmup) / (total - warmup))) / 2}, reaching {@code min} at
 * {@code total}.
 *
 * @param base the peak learning rate, positive
 * @param min the final learning rate, 0 or more and at most {@code base}
 * @param total the iterations of the whole run, more than {@code warmup}
 * @param warmup warm-up iterations, 0 for none
 */
public record CosineSchedule(double base, double min, long total, long warmup) implements LearningRateSchedule {
    public CosineSchedule {
        if (!(base > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + base);
        }
        if (!(min >= 0 && min <= base)) {
            throw new IllegalArgumentException("minimum learning rate must be in [0, " + base + "], got " + min);
        }
        if (warmup < 0 || total <= warmup) {
            throw new IllegalArgumentException("need 0 <= warm-up < total iterations, got warm-up " + warmup
                    + " and total " + total);
        }
    }

    @Override
    public double rateAt(long iteration) {
        if (iteration < warmup) {
            return base * LearningRateSchedule.warmupFactor(iteration, warmup);
        }
        double progress = Math.min(1.0, (iteration - warmup) / (double) (total - warmup));
        return min + (base - min) * (1 + Math.cos(Math.PI * progress)) / 2;
    }
}
