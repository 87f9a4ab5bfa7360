package dev.attnvision.core.sr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class UpsamplingTest {
    /** An (N, C, H, W) array stored NHWC, with values v[n, y, x, c] = 1000 n + 100 y + 10 x + c. */
    private static NDArray channelsLastRamp(NDManager m, int n, int c, int h, int w) {
        float[] nhwc = new float[n * h * w * c];
        int i = 0;
        for (int b = 0; b < n; b++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int ch = 0; ch < c; ch++) {
                        nhwc[i++] = 1000 * b + 100 * y + 10 * x + ch;
                    }
                }
            }
        }
        return m.create(nhwc, new Shape(n, h, w, c)).transpose(0, 3, 1, 2);
    }

    @Test
    void layoutProbeTellsTheTwoLayoutsApart() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray viewed = channelsLastRamp(m, 1, 3, 2, 2);
            assertTrue(MemoryLayout.isChannelsLast(viewed));
            assertFalse(MemoryLayout.isChannelsLast(m.arange(12f).reshape(1, 3, 2, 2)));
        }
    }

    @Test
    void nearestRepeatsEachPixelAndStaysChannelsLast() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray in = channelsLastRamp(m, 2, 3, 2, 3);
            NDArray out = Upsampling.nearest(in, 3);
            assertEquals(new Shape(2, 3, 6, 9), out.getShape());
            float[] expected = new float[2 * 3 * 6 * 9];
            int i = 0;
            for (int b = 0; b < 2; b++) {
                for (int c = 0; c < 3; c++) {
                    for (int y = 0; y < 6; y++) {
                        for (int x = 0; x < 9; x++) {
                            expected[i++] = 1000 * b + 100 * (y / 3) + 10 * (x / 3) + c;
                        }
                    }
                }
            }
            assertArrayEquals(expected, out.toFloatArray());
            assertTrue(MemoryLayout.isChannelsLast(out));
        }
    }

    @Test
    void bilinearSamplesAtHalfPixelCentresLikeAlignCornersFalse() {
        try (NDManager m = NDManager.newBaseManager()) {
            // one channel: [[0, 4], [8, 12]]; x2 samples rows and columns at -0.25 (clamped), 0.25, 0.75, 1.25
            // (clamped): columns 0,4 -> 0,1,3,4 and rows 0,8 -> 0,2,6,8, and the map is separable (sum)
            NDArray in = m.create(new float[] {0, 4, 8, 12}, new Shape(1, 2, 2, 1)).transpose(0, 3, 1, 2);
            float[] x2 = Upsampling.bilinear(in, 2).toFloatArray();
            assertArrayEquals(new float[] {0, 1, 3, 4, 2, 3, 5, 6, 6, 7, 9, 10, 8, 9, 11, 12}, x2, 1e-5f);
            // x3 on the row [0, 3]: positions -1/3, 0, 1/3, 2/3, 1, 4/3 -> 0, 0, 1, 2, 3, 3
            NDArray row = m.create(new float[] {0, 3}, new Shape(1, 1, 2, 1)).transpose(0, 3, 1, 2);
            assertArrayEquals(new float[] {0, 0, 1, 2, 3, 3, 0, 0, 1, 2, 3, 3, 0, 0, 1, 2, 3, 3},
                    Upsampling.bilinear(row, 3).toFloatArray(), 1e-5f);
        }
    }

    @Test
    void bilinearKeepsChannelsLast() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray out = Upsampling.bilinear(channelsLastRamp(m, 1, 3, 4, 5), 2);
            assertEquals(new Shape(1, 3, 8, 10), out.getShape());
            assertTrue(MemoryLayout.isChannelsLast(out));
        }
    }
}
