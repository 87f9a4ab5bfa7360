package dev.attnvision.core.data.degradation;

/**
 * Generalized Gaussian blur kernels: {@code k(p) ∝ exp(-½ (pᵀ Σ⁻¹ p)^β)}, {@code Σ} as in {@link GaussianKernel}. A
 * shape {@code β < 1} gives heavier tails than a Gaussian, {@code β > 1} a flatter top and a sharper fall
 * (Liu et al. 2020, "Estimating generalized Gaussian blur kernels"; used by Real-ESRGAN, arXiv:2107.10833).
 */
public final class GeneralizedGaussianKernel {
    private GeneralizedGaussianKernel() {}

    /** The kernel of side {@code size} (odd), standard deviations {@code sigmaX}, {@code sigmaY}, rotation {@code theta}, shape {@code beta}. */
    public static Kernel of(int size, double sigmaX, double sigmaY, double theta, double beta) {
        GaussianKernel.checkShape(beta);
        GaussianKernel.Mahalanobis d = new GaussianKernel.Mahalanobis(sigmaX, sigmaY, theta);
        return Kernel.normalised(size, (dx, dy) -> Math.exp(-0.5 * Math.pow(d.squared(dx, dy), beta)));
    }
}
