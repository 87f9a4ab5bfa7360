package dev.attnvision.core.data.degradation;

/**
 * Plateau-shaped blur kernels: {@code k(p) ∝ 1 / (1 + (pᵀ Σ⁻¹ p)^β)}, {@code Σ} as in {@link GaussianKernel}: a flat
 * top that falls off like a power law, as out-of-focus and motion blur do (Real-ESRGAN, arXiv:2107.10833, section 3.1).
 */
public final class PlateauKernel {
    private PlateauKernel() {}

    /** The kernel of side {@code size} (odd), standard deviations {@code sigmaX}, {@code sigmaY}, rotation {@code theta}, shape {@code beta}. */
    public static Kernel of(int size, double sigmaX, double sigmaY, double theta, double beta) {
        GaussianKernel.checkShape(beta);
        GaussianKernel.Mahalanobis d = new GaussianKernel.Mahalanobis(sigmaX, sigmaY, theta);
        return Kernel.normalised(size, (dx, dy) -> 1 / (1 + Math.pow(d.squared(dx, dy), beta)));
    }
}
