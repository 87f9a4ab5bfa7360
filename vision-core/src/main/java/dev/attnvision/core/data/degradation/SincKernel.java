package dev.attnvision.core.data.degradation;

/**
 * The 2-D sinc (ideal circular low-pass) kernel: {@code k(r) ∝ ω J₁(ω r) / (2π r)}, with {@code k(0) ∝ ω² / (4π)}, for
 * a cutoff frequency {@code ω} in radians per pixel. It rings like an over-sharpened or band-limited image does;
 * Real-ESRGAN (arXiv:2107.10833, section 3.2) adds it to model ringing and overshoot artefacts. {@code J₁} is the Bessel
 * function of the first kind, computed from Bessel's integral {@code J₁(x) = (1/π) ∫₀^π cos(τ - x sin τ) dτ}.
 */
public final class SincKernel {
    /** Simpson intervals of Bessel's integral (the integrand is smooth; the tests check the error for |x| < 50). */
    private static final int INTERVALS = 256;

    private SincKernel() {}

    /** The kernel of side {@code size} (odd) and cutoff {@code omega} in (0, π]. */
    public static Kernel of(int size, double omega) {
        if (!(omega > 0) || omega > Math.PI) {
            throw new IllegalArgumentException("the sinc cutoff must be in (0, pi], got " + omega);
        }
        return Kernel.normalised(size, (dx, dy) -> {
            double r = Math.hypot(dx, dy);
            return r == 0 ? omega * omega / (4 * Math.PI) : omega * besselJ1(omega * r) / (2 * Math.PI * r);
        });
    }

    /** {@code J₁(x)} by Simpson's rule on Bessel's integral. */
    static double besselJ1(double x) {
        double h = Math.PI / INTERVALS;
        double sum = Math.cos(0) + Math.cos(Math.PI - x * Math.sin(Math.PI));
        for (int i = 1; i < INTERVALS; i++) {
            double t = i * h;
            sum += (i % 2 == 1 ? 4 : 2) * Math.cos(t - x * Math.sin(t));
        }
        return sum * h / 3 / Math.PI;
    }
}
