package dev.attnvision.core.data.degradation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attnvision.core.image.Raster;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelsTest {
    private static final double SUM_TOLERANCE = 1e-5; // float weights of at most 441 terms

    @Test
    void everyKindIsNormalisedSquareOfTheRequestedSideAndPeaksAtTheCentre() {
        List<Kernel> kernels = List.of(GaussianKernel.of(7, 1.5, 1.5, 0), GaussianKernel.of(21, 3, 0.6, 0.7),
                GeneralizedGaussianKernel.of(13, 2, 1, 0.3, 0.5), GeneralizedGaussianKernel.of(9, 2, 2, 0, 4),
                PlateauKernel.of(15, 1.2, 2.5, -1, 1.5), SincKernel.of(11, Math.PI / 3), SincKernel.of(21, Math.PI / 5));
        for (Kernel k : kernels) {
            assertEquals(k.size() * k.size(), k.weights().length);
            assertEquals(1.0, k.sum(), SUM_TOLERANCE, "sum of " + k.size() + "-kernel");
            int c = k.size() / 2;
            for (int y = 0; y < k.size(); y++) {
                for (int x = 0; x < k.size(); x++) {
                    assertTrue(k.at(y, x) <= k.at(c, c), "centre is the largest weight");
                }
            }
        }
    }

    @Test
    void isotropicKernelsAreRotationallySymmetricAndAnisotropicOnesFollowTheirAxes() {
        Kernel iso = GaussianKernel.of(9, 1.7, 1.7, 0.9);
        assertEquals(iso.at(4, 7), iso.at(7, 4), 1e-7);
        assertEquals(iso.at(1, 4), iso.at(4, 7), 1e-7);
        Kernel wide = GaussianKernel.of(9, 3, 0.8, 0);
        assertTrue(wide.at(4, 7) > 10 * wide.at(7, 4), "sigma x > sigma y spreads along rows");
        Kernel turned = GaussianKernel.of(9, 3, 0.8, Math.PI / 2);
        assertEquals(wide.at(4, 7), turned.at(7, 4), 1e-6, "a quarter turn swaps the axes");
    }

    @Test
    void gaussianMatchesItsClosedFormAndTheGeneralizedOneWithShapeOne() {
        double sigma = 1.3;
        Kernel k = GaussianKernel.of(7, sigma, sigma, 0);
        double ratio = Math.exp(-0.5 * (2 * 2 + 1) / (sigma * sigma));
        assertEquals(ratio, k.at(3 + 1, 3 + 2) / k.at(3, 3), 1e-6);
        Kernel generalized = GeneralizedGaussianKernel.of(7, sigma, 0.9, 0.4, 1.0);
        Kernel gaussian = GaussianKernel.of(7, sigma, 0.9, 0.4);
        for (int i = 0; i < k.weights().length; i++) {
            assertEquals(gaussian.weights()[i], generalized.weights()[i], 1e-7);
        }
    }

    @Test
    void plateauFallsOffLikeAPowerLaw() {
        Kernel k = PlateauKernel.of(21, 2, 2, 0, 1);
        // 1 / (1 + d²) with d² = r² / σ²: at r = 8, 1 / (1 + 16); at the centre 1
        assertEquals(1.0 / 17, k.at(10, 18) / k.at(10, 10), 1e-6);
    }

    @Test
    void besselJ1MatchesKnownValues() {
        assertEquals(0.0, SincKernel.besselJ1(0), 1e-12);
        assertEquals(0.44005058574493355, SincKernel.besselJ1(1), 1e-10);
        assertEquals(0.04347274616886144, SincKernel.besselJ1(10), 1e-10);
        assertEquals(0.0, SincKernel.besselJ1(3.8317059702075125), 1e-10, "first zero");
        assertEquals(-0.030667416962248565, SincKernel.besselJ1(44.5), 1e-9, "largest argument of a 21-pixel kernel");
    }

    @Test
    void sincRingsWithNegativeLobes() {
        Kernel k = SincKernel.of(21, Math.PI / 3);
        double min = 0;
        for (float w : k.weights()) {
            min = Math.min(min, w);
        }
        assertTrue(min < -1e-3, "a sinc low-pass has negative side lobes, min " + min);
    }

    @Test
    void applyingACorrelatesWithMirroredBordersAndKeepsFlatImagesFlat() {
        float[] impulse = new float[11 * 11];
        impulse[5 * 11 + 5] = 100;
        Kernel k = GaussianKernel.of(5, 2, 0.7, 0.5);
        Raster out = k.apply(new Raster(11, 11, 1, 8, impulse));
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 5; x++) {
                // correlation: the impulse response is the kernel turned by half a turn
                assertEquals(100 * k.at(4 - y, 4 - x), out.get(3 + y, 3 + x, 0), 1e-4);
            }
        }
        Raster flat = k.apply(DegradationImages.flat(6, 4, 77));
        for (float v : flat.floats()) {
            assertEquals(77, v, 1e-3);
        }
    }

    @Test
    void badArgumentsAreRefusedWithTheirValue() {
        assertThrows(IllegalArgumentException.class, () -> GaussianKernel.of(8, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> GaussianKernel.of(7, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> GeneralizedGaussianKernel.of(7, 1, 1, 0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SincKernel.of(7, 4));
        assertTrue(e.getMessage().contains("4"), e.getMessage());
    }
}
