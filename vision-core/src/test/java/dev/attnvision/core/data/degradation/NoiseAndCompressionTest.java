package dev.attnvision.core.data.degradation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attnvision.core.image.Raster;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NoiseAndCompressionTest {
    @Test
    void gaussianNoiseHasTheDrawnDeviationAndGreyNoiseIsTheSameInEveryChannel() {
        Raster flat = DegradationImages.flat(64, 64, 128);
        Raster colour = new GaussianNoise(new Range(8, 8), 0).apply(flat, new SplittableRandom(1));
        // 12288 samples: the sample deviation is within 3% of 8 with overwhelming odds
        assertEquals(8, Math.sqrt(DegradationImages.mse(colour, flat)), 0.25);
        assertNotEquals(colour.get(5, 5, 0), colour.get(5, 5, 1));
        Raster gray = new GaussianNoise(new Range(8, 8), 1).apply(flat, new SplittableRandom(1));
        for (int i = 0; i < gray.samples().length(); i += 3) {
            assertEquals(gray.samples().get(i), gray.samples().get(i + 1));
            assertEquals(gray.samples().get(i), gray.samples().get(i + 2));
        }
    }

    @Test
    void noiseIsClampedToTheSampleRange() {
        Raster white = DegradationImages.flat(16, 16, 250);
        for (float v : new GaussianNoise(new Range(30, 30), 0).apply(white, new SplittableRandom(2)).floats()) {
            assertTrue(v >= 0 && v <= 255);
        }
        for (float v : new PoissonNoise(new Range(3, 3), 0).apply(white, new SplittableRandom(2)).floats()) {
            assertTrue(v >= 0 && v <= 255);
        }
    }

    @Test
    void poissonNoiseHasTheVarianceOfShotNoiseAndKeepsTheMean() {
        // 256 distinct levels, so L = 256: on level v the noise is 255 s (P(256 v / 255) / 256 - v / 255), of
        // variance 255 s² v / 256 and mean 0
        for (int level : new int[] {20, 200}) {
            double s = 1.5;
            Raster image = withAllLevels(level);
            Raster noisy = new PoissonNoise(new Range(s, s), 0).apply(image, new SplittableRandom(level));
            double sum = 0;
            double squares = 0;
            int n = 0;
            for (int i = 256; i < image.samples().length(); i++) {
                double d = noisy.samples().get(i) - image.samples().get(i);
                sum += d;
                squares += d * d;
                n++;
            }
            double expected = 255 * s * s * level / 256;
            // 12032 samples: the sample variance is within 5% of its expectation with overwhelming odds
            assertEquals(expected, squares / n, 0.05 * expected, "variance on level " + level);
            assertEquals(0, sum / n, 0.15 * Math.sqrt(expected), "mean on level " + level);
        }
    }

    @Test
    void jpegAtLowQualityDegradesMeasurablyAndSameSeedGivesTheSameImage() {
        Raster scene = DegradationImages.scene(96, 80);
        double high = DegradationImages.mse(JpegCompression.atQuality(scene, 95), scene);
        double low = DegradationImages.mse(JpegCompression.atQuality(scene, 20), scene);
        assertTrue(high < 4, "quality 95 is nearly lossless, mse " + high);
        assertTrue(low > 5 * high, "quality 20 is much worse: mse " + low + " against " + high);
        JpegCompression jpeg = new JpegCompression(new Range(30, 95));
        assertEquals(jpeg.apply(scene, new SplittableRandom(9)), jpeg.apply(scene, new SplittableRandom(9)));
        Raster out = jpeg.apply(scene, new SplittableRandom(9));
        assertEquals(96, out.width());
        assertEquals(80, out.height());
        for (float v : out.floats()) {
            assertEquals(Math.round(v), v, "whole grey levels");
        }
    }

    @Test
    void rangesAndProbabilitiesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new Range(2, 1));
        assertThrows(IllegalArgumentException.class, () -> new GaussianNoise(new Range(1, 10), 1.5));
        assertThrows(IllegalArgumentException.class, () -> new JpegCompression(new Range(0, 95)));
        assertThrows(IllegalArgumentException.class, () -> new RandomResize(0.6, 0.6, new Range(0.5, 1.5)));
        assertThrows(IllegalArgumentException.class, () -> new RandomResize(0.2, 0.6, new Range(1.1, 1.5)));
    }

    /** A 64 x 64 RGB image whose first 256 samples are the levels 0..255 and whose others are {@code level}. */
    private static Raster withAllLevels(int level) {
        float[] data = new float[64 * 64 * 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = i < 256 ? i : level;
        }
        return new Raster(64, 64, 3, 8, data);
    }
}
