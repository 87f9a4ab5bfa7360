package dev.attnvision.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SsimTest {
    private static final double C1 = 6.5025;   // (0.01 * 255)^2
    private static final double C2 = 58.5225;  // (0.03 * 255)^2

    @Test
    void identicalImagesScoreOne() {
        double[] noise = new Random(3).doubles(20 * 16, 0, 255).toArray();
        LumaPlane a = new LumaPlane(20, 16, noise);
        assertEquals(1.0, Ssim.between(a, a), 1e-12);
    }

    @Test
    void twoFlatImagesLeaveOnlyTheLuminanceTerm() {
        LumaPlane a = flat(11, 100);
        LumaPlane b = flat(11, 110);
        double expected = (2 * 100 * 110 + C1) / (100 * 100 + 110 * 110 + C1);
        assertEquals(expected, Ssim.between(a, b), 1e-12);
    }

    @Test
    void singleBrightPixelAgainstItsScaledCopyByHand() {
        // x: 0 except v at the centre of an 11x11 image (one valid window); y = k x.
        // With g the centre weight of the 2-D Gaussian: mu = g v, var = g v^2 - (g v)^2; y has k mu, k^2 var, cov k var.
        double v = 200;
        double k = 0.5;
        double g1 = 1 / sumOfGaussian();
        double g = g1 * g1;
        double mu = g * v;
        double var = g * v * v - mu * mu;
        double expected = ((2 * k * mu * mu + C1) * (2 * k * var + C2))
                / (((1 + k * k) * mu * mu + C1) * ((1 + k * k) * var + C2));
        double[] x = new double[121];
        double[] y = new double[121];
        x[60] = v;
        y[60] = k * v;
        assertEquals(expected, Ssim.between(new LumaPlane(11, 11, x), new LumaPlane(11, 11, y)), 1e-12);
    }

    @Test
    void refusesImagesSmallerThanTheWindow() {
        assertThrows(IllegalArgumentException.class, () -> Ssim.between(flat(10, 1), flat(10, 1)));
    }

    private static double sumOfGaussian() {
        double s = 0;
        for (int d = -5; d <= 5; d++) {
            s += Math.exp(-d * d / 4.5);
        }
        return s;
    }

    private static LumaPlane flat(int size, double value) {
        double[] data = new double[size * size];
        Arrays.fill(data, value);
        return new LumaPlane(size, size, data);
    }
}
