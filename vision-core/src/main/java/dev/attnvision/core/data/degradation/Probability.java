package dev.attnvision.core.data.degradation;

/** Checks of the probabilities in degradation settings. */
final class Probability {
    private Probability() {}

    /** {@code p} if it is in [0, 1]; {@code what} names it in the message otherwise. */
    static double check(double p, String what) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(what + " must be a probability in [0, 1], got " + p);
        }
        return p;
    }

    /** Index {@code i} with probability {@code weights[i] / sum}, from a uniform draw {@code u} in [0, 1). */
    static int choose(double[] weights, double u) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        double target = u * sum;
        for (int i = 0; i < weights.length - 1; i++) {
            target -= weights[i];
            if (target < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** Throws unless {@code weights} are non-negative with a positive sum. */
    static double[] checkWeights(double[] weights, String what) {
        double sum = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException(what + " must be non-negative numbers, got " + java.util.Arrays.toString(weights));
            }
            sum += w;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException(what + " must not all be zero");
        }
        return weights.clone();
    }
}
