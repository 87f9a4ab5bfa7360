package dev.attnvision.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.attnvision.core.testing.SharedData;
import dev.attnvision.core.testing.TestImages;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MatlabBicubicTest {
    private static final String[] SET5 = {"baby", "bird", "butterfly", "head", "woman"};

    @ParameterizedTest(name = "Set5 x{0}")
    @CsvSource({"2", "3", "4"})
    void reproducesTheBenchmarkLowResolutionImagesBitForBit(int scale) {
        Path hrDir = SharedData.require("data/sr/Set5/HR");
        Path lrDir = SharedData.require("data/sr/Set5/LR_bicubic/X" + scale);
        for (String name : SET5) {
            Raster expected = TestImages.read(lrDir.resolve(name + "x" + scale + ".png"));
            Raster actual = MatlabBicubic.downscale(TestImages.read(hrDir.resolve(name + ".png")), scale);
            assertEquals(expected.width() + "x" + expected.height(), actual.width() + "x" + actual.height(), name);
            int differing = 0;
            for (int i = 0; i < expected.samples().length(); i++) {
                if (expected.samples().get(i) != actual.samples().get(i)) {
                    differing++;
                }
            }
            assertEquals(0, differing, name + " x" + scale + ": differing samples");
        }
    }

    @Test
    void constantImageStaysConstantAtEveryScale() {
        Raster flat = new Raster(7, 5, 3, 8, filled(7 * 5 * 3, 200f));
        for (double scale : new double[] {0.25, 1 / 3.0, 0.5, 2, 3}) {
            Raster resized = MatlabBicubic.resize(flat, scale);
            assertEquals((int) Math.ceil(7 * scale), resized.width());
            assertEquals((int) Math.ceil(5 * scale), resized.height());
            for (float v : resized.floats()) {
                assertEquals(200f, v, "scale " + scale);
            }
        }
    }

    @Test
    void upscalingByTwoMatchesTheHandComputedKernelTaps() {
        // a 4-sample row [0, 0, 255, 255] doubled: output x=4 (1-based) reads u = 4/2 + 0.25 = 2.25;
        // taps at 0..5 have distances 2.25, 1.25, 0.25, -0.75, -1.75, -2.75 -> weights 0, -0.0703125, 0.8671875,
        // 0.2265625, -0.0234375, 0; index 0 mirrors to 1, index 5 to 4: value 255 * (0.2265625 - 0.0234375)
        float[] row = {0, 0, 255, 255};
        float[] doubled = MatlabBicubic.resizePlane(row, 4, 1, 2); // both dimensions double: 2 rows of 8
        assertEquals(16, doubled.length);
        assertEquals(doubled[3], doubled[8 + 3]);
        assertEquals(255 * (0.2265625 - 0.0234375), doubled[3], 1e-4);
        assertEquals(0f, doubled[0], 1e-6);
        assertEquals(255f, doubled[7], 1e-4);
    }

    @Test
    void eightBitResultsAreRoundedAndClipped() {
        // a step edge overshoots below 0 and above 255 with a = -0.5; integer images clip
        float[] edge = {0, 0, 0, 255, 255, 255};
        Raster up = MatlabBicubic.upscale(new Raster(6, 1, 1, 8, edge), 2);
        float[] plain = MatlabBicubic.resizePlane(edge, 6, 1, 2);
        float min = Float.MAX_VALUE;
        for (int i = 0; i < plain.length; i++) {
            assertEquals(Math.min(255, Math.max(0, Math.round(plain[i]))), up.samples().get(i), 1e-6);
            min = Math.min(min, plain[i]);
        }
        assertEquals(true, min < 0, "the unrounded plane overshoots below zero");
    }

    @Test
    void downscaleCropsToAMultipleOfTheScale() {
        Raster odd = new Raster(10, 7, 1, 8, filled(70, 9f));
        Raster lr = MatlabBicubic.downscale(odd, 3);
        assertArrayEquals(new int[] {3, 2}, new int[] {lr.width(), lr.height()});
        assertThrows(IllegalArgumentException.class, () -> MatlabBicubic.downscale(odd, 8));
    }

    private static float[] filled(int n, float value) {
        float[] data = new float[n];
        java.util.Arrays.fill(data, value);
        return data;
    }
}
