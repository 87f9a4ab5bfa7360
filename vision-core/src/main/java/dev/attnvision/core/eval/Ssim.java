package dev.attnvision.core.eval;

/**
 * Structural similarity (Wang, Bovik, Sheikh, Simoncelli 2004, "Image quality assessment: from error visibility to
 * structural similarity", IEEE TIP 13(4)), as the SR benchmarks compute it (the authors' {@code ssim_index.m},
 * BasicSR's {@code calculate_ssim}): local statistics under an 11x11 Gaussian window, sigma 1.5, normalised to sum 1,
 * evaluated only where the window fits inside the image ("valid"), then averaged:
 * <pre>
 * SSIM(x, y) = ((2 mu_x mu_y + C1)(2 sigma_xy + C2)) / ((mu_x^2 + mu_y^2 + C1)(sigma_x^2 + sigma_y^2 + C2))
 * C1 = (0.01 L)^2, C2 = (0.03 L)^2, L = 255
 * </pre>
 * with {@code sigma_x^2 = E[x^2] - mu_x^2} and {@code sigma_xy = E[xy] - mu_x mu_y} under the window.
 */
public final class Ssim {
    static final int WINDOW = 11;
    static final double SIGMA = 1.5;
    private static final double C1 = Math.pow(0.01 * 255, 2);
    private static final double C2 = Math.pow(0.03 * 255, 2);
    private static final double[] KERNEL = gaussian();

    private Ssim() {}

    /** Mean SSIM between two planes of the same size, at least 11x11. */
    public static double between(LumaPlane a, LumaPlane b) {
        a.requireSameSize(b);
        if (a.width() < WINDOW || a.height() < WINDOW) {
            throw new IllegalArgumentException("SSIM needs images of at least " + WINDOW + "x" + WINDOW + " pixels, got "
                    + a.width() + "x" + a.height());
        }
        int n = a.data().length;
        double[] x = a.data();
        double[] y = b.data();
        double[] xx = new double[n];
        double[] yy = new double[n];
        double[] xy = new double[n];
        for (int i = 0; i < n; i++) {
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }
        int w = a.width();
        int h = a.height();
        double[] muX = filterValid(x, w, h);
        double[] muY = filterValid(y, w, h);
        double[] eXX = filterValid(xx, w, h);
        double[] eYY = filterValid(yy, w, h);
        double[] eXY = filterValid(xy, w, h);
        double total = 0;
        for (int i = 0; i < muX.length; i++) {
            double mx = muX[i];
            double my = muY[i];
            double varX = eXX[i] - mx * mx;
            double varY = eYY[i] - my * my;
            double cov = eXY[i] - mx * my;
            total += ((2 * mx * my + C1) * (2 * cov + C2)) / ((mx * mx + my * my + C1) * (varX + varY + C2));
        }
        return total / muX.length;
    }

    /** The normalised 1-D Gaussian; the 2-D window is its outer product. */
    static double[] gaussian() {
        double[] k = new double[WINDOW];
        double sum = 0;
        for (int i = 0; i < WINDOW; i++) {
            int d = i - WINDOW / 2;
            k[i] = Math.exp(-d * d / (2 * SIGMA * SIGMA));
            sum += k[i];
        }
        for (int i = 0; i < WINDOW; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /** Separable Gaussian filtering keeping only the {@code (w-10) x (h-10)} positions where the window fits. */
    private static double[] filterValid(double[] in, int w, int h) {
        int ow = w - WINDOW + 1;
        int oh = h - WINDOW + 1;
        double[] rows = new double[h * ow];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < ow; x++) {
                double s = 0;
                for (int k = 0; k < WINDOW; k++) {
                    s += KERNEL[k] * in[y * w + x + k];
                }
                rows[y * ow + x] = s;
            }
        }
        double[] out = new double[oh * ow];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                double s = 0;
                for (int k = 0; k < WINDOW; k++) {
                    s += KERNEL[k] * rows[(y + k) * ow + x];
                }
                out[y * ow + x] = s;
            }
        }
        return out;
    }
}
