package dev.attnvision.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PerceptualColorMapTest {
    /** WCAG relative luminance of an sRGB colour on 0..255. */
    private static double luminance(float[] rgb) {
        double[] weights = {0.2126, 0.7152, 0.0722};
        double y = 0;
        for (int c = 0; c < 3; c++) {
            double v = rgb[c] / 255.0;
            y += weights[c] * (v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
        }
        return y;
    }

    @Test
    void coloursAreInRangeAndGetStrictlyLighter() {
        double previous = -1;
        for (int i = 0; i <= 1000; i++) {
            float[] rgb = PerceptualColorMap.rgb(i / 1000.0);
            for (float v : rgb) {
                assertTrue(v >= 0 && v <= 255, "sample " + v + " at " + i);
            }
            double y = luminance(rgb);
            assertTrue(y > previous, "luminance falls at t=" + i / 1000.0 + ": " + previous + " -> " + y);
            previous = y;
        }
        float[] low = PerceptualColorMap.rgb(0);
        float[] high = PerceptualColorMap.rgb(1);
        assertTrue(luminance(low) < 0.08 && low[2] > low[1], "dark and bluish at 0: " + java.util.Arrays.toString(low));
        assertTrue(luminance(high) > 0.7 && high[0] > high[2], "light and yellowish at 1: " + java.util.Arrays.toString(high));
    }

    @Test
    void outOfRangeValuesAreClampedAndNanIsTheLowEnd() {
        assertArrayEquals(PerceptualColorMap.rgb(0), PerceptualColorMap.rgb(-3));
        assertArrayEquals(PerceptualColorMap.rgb(1), PerceptualColorMap.rgb(7));
        assertArrayEquals(PerceptualColorMap.rgb(0), PerceptualColorMap.rgb(Double.NaN));
    }
}
