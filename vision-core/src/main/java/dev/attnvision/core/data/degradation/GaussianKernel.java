package dev.attnvision.core.data.degradation;

/**
 * Anisotropic Gaussian blur kernels: {@code k(p) ∝ exp(-½ pᵀ Σ⁻¹ p)} with {@code Σ = R(θ) diag(σx², σy²) R(θ)ᵀ}; an
 * isotropic kernel has {@code σx = σy}. The first of Real-ESRGAN's blur kernels (Wang et al. 2021, arXiv:2107.10833,
 * section 3.1); {@link GeneralizedGaussianKernel} and {@link PlateauKernel} share its covariance.
 */
public final class GaussianKernel {
    private GaussianKernel() {}

    /** The kernel of side {@code size} (odd) with standard deviations {@code sigmaX}, {@code sigmaY} rotated by {@code theta}. */
    public static Kernel of(int size, double sigmaX, double sigmaY, double theta) {
        Mahalanobis d = new Mahalanobis(sigmaX, sigmaY, theta);
        return Kernel.normalised(size, (dx, dy) -> Math.exp(-0.5 * d.squared(dx, dy)));
    }

    /** {@code beta} if it is a valid kernel shape (positive). */
    static double checkShape(double beta) {
        if (!(beta > 0)) {
            throw new IllegalArgumentException("the shape beta must be positive, got " + beta);
        }
        return beta;
    }

    /** The squared Mahalanobis distance {@code pᵀ Σ⁻¹ p} of the rotated covariance. */
    static final class Mahalanobis {
        private final double a;
        private final double b;
        private final double c;

        Mahalanobis(double sigmaX, double sigmaY, double theta) {
            if (!(sigmaX > 0) || !(sigmaY > 0)) {
                throw new IllegalArgumentException("kernel standard deviations must be positive, got " + sigmaX + " and "
                        + sigmaY);
            }
            double cos = Math.cos(theta);
            double sin = Math.sin(theta);
            double ix = 1 / (sigmaX * sigmaX);
            double iy = 1 / (sigmaY * sigmaY);
            // Σ⁻¹ = R diag(1/σx², 1/σy²) Rᵀ
            a = cos * cos * ix + sin * sin * iy;
            b = cos * sin * (ix - iy);
            c = sin * sin * ix + cos * cos * iy;
        }

        double squared(int dx, int dy) {
            return a * dx * dx + 2 * b * dx * dy + c * dy * dy;
        }
    }
}
