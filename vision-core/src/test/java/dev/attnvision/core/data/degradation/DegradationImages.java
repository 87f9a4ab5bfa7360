package dev.attnvision.core.data.degradation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attnvision.core.image.MatlabBicubic;
import dev.attnvision.core.image.Raster;
import java.util.SplittableRandom;

/** Test scenes for the degradations: smooth shading, a fine sinusoidal texture and hard-edged squares. */
final class DegradationImages {
    private DegradationImages() {}

    /** An RGB {@code width x height} 8-bit scene with whole grey levels. */
    static Raster scene(int width, int height) {
        float[] data = new float[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean square = ((x / 16) + (y / 16)) % 3 == 0;
                double texture = 40 * Math.sin(x * 0.9) * Math.cos(y * 0.7);
                for (int c = 0; c < 3; c++) {
                    double base = 60 + 100.0 * (x + c * y) / (width + 2 * height);
                    double v = (square ? base + 70 : base) + texture;
                    data[(y * width + x) * 3 + c] = Math.round(Math.min(255, Math.max(0, v)));
                }
            }
        }
        return new Raster(width, height, 3, 8, data);
    }

    /** A constant RGB image of grey level {@code v}. */
    static Raster flat(int width, int height, float v) {
        float[] data = new float[width * height * 3];
        java.util.Arrays.fill(data, v);
        return new Raster(width, height, 3, 8, data);
    }

    /** Mean squared difference of two same-shaped images. */
    static double mse(Raster a, Raster b) {
        double sum = 0;
        for (int i = 0; i < a.samples().length(); i++) {
            double d = a.samples().get(i) - b.samples().get(i);
            sum += d * d;
        }
        return sum / a.samples().length();
    }

    /** Checks that {@code degradation} makes RGB images of the low-resolution size at x2-x4, in whole grey levels. */
    static void assertLowResolutionImages(Degradation degradation) {
        Raster hr = scene(130, 97);
        for (int scale = 2; scale <= 4; scale++) {
            Raster lr = degradation.degrade(hr, scale, new SplittableRandom(scale));
            assertEquals(130 / scale, lr.width());
            assertEquals(97 / scale, lr.height());
            assertEquals(3, lr.channels());
            for (float v : lr.floats()) {
                assertTrue(v >= 0 && v <= 255 && v == Math.round(v), "sample " + v);
            }
        }
    }

    /** Checks that the same seed gives {@code degradation}'s same image and another seed another. */
    static void assertSeeded(Degradation degradation) {
        Raster hr = scene(96, 96);
        Raster a = degradation.degrade(hr, 4, new SplittableRandom(11));
        assertEquals(a, degradation.degrade(hr, 4, new SplittableRandom(11)));
        assertNotEquals(a, degradation.degrade(hr, 4, new SplittableRandom(12)));
    }

    /** The mean squared difference from the bicubic x2 reduction of a scene over 24 seeded draws. */
    static double meanMseFromBicubic(Degradation degradation) {
        Raster hr = scene(128, 128);
        Raster bicubic = MatlabBicubic.downscale(hr, 2);
        int draws = 24;
        double sum = 0;
        for (int seed = 0; seed < draws; seed++) {
            sum += mse(degradation.degrade(hr, 2, new SplittableRandom(seed)), bicubic);
        }
        return sum / draws;
    }
}
