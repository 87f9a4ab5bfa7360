package dev.attnvision.core.eval;

/**
 * Peak signal-to-noise ratio in dB: {@code PSNR = 10 log10(255^2 / MSE)}, {@code MSE} the mean squared difference
 * of the two planes; identical planes give positive infinity.
 */
public final class Psnr {
    private static final double PEAK = 255;

    private Psnr() {}

    /** PSNR between two planes of the same size. */
    public static double between(LumaPlane a, LumaPlane b) {
        a.requireSameSize(b);
        double sum = 0;
        for (int i = 0; i < a.data().length; i++) {
            double d = a.data()[i] - b.data()[i];
            sum += d * d;
        }
        double mse = sum / a.data().length;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(PEAK * PEAK / mse);
    }
}
