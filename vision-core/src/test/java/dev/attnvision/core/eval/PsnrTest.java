package dev.attnvision.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PsnrTest {
    @Test
    void identicalPlanesAreInfinitelyClose() {
        LumaPlane a = new LumaPlane(2, 2, new double[] {10, 20, 30, 40});
        assertEquals(Double.POSITIVE_INFINITY, Psnr.between(a, a));
    }

    @Test
    void constantOffsetGivesTwentyLogOfPeakOverOffset() {
        LumaPlane a = new LumaPlane(2, 2, new double[] {10, 20, 30, 40});
        LumaPlane b = new LumaPlane(2, 2, new double[] {15, 25, 35, 45});
        assertEquals(20 * Math.log10(255 / 5.0), Psnr.between(a, b), 1e-12);
    }

    @Test
    void tinyCaseByHand() {
        // differences 0, 3, 4, 0: MSE = (9 + 16) / 4 = 6.25; PSNR = 10 log10(65025 / 6.25) = 10 log10(10404)
        LumaPlane a = new LumaPlane(2, 2, new double[] {0, 0, 0, 0});
        LumaPlane b = new LumaPlane(2, 2, new double[] {0, 3, -4, 0});
        assertEquals(40.17200, Psnr.between(a, b), 1e-5);
    }

    @Test
    void refusesPlanesOfDifferentSizes() {
        assertThrows(IllegalArgumentException.class,
                () -> Psnr.between(new LumaPlane(1, 2, new double[2]), new LumaPlane(2, 1, new double[2])));
    }
}
