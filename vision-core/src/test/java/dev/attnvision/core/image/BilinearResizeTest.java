package dev.attnvision.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BilinearResizeTest {
    @Test
    void upsamplesWithAlignedPixelCentresAndClampedBorders() {
        Raster row = new Raster(2, 1, 1, 8, new float[] {0, 100});
        // output centres sample the input at -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1)
        assertArrayEquals(new float[] {0, 25, 75, 100}, BilinearResize.resize(row, 4, 1).floats(), 1e-4f);
    }

    @Test
    void downsamplesRgbPerChannelAndKeepsDepth() {
        Raster image = new Raster(2, 2, 3, 16, new float[] {0, 10, 20, 40, 50, 60, 80, 90, 100, 120, 130, 140});
        Raster one = BilinearResize.resize(image, 1, 1);
        assertArrayEquals(new float[] {60, 70, 80}, one.floats(), 1e-4f);
        assertEquals(16, one.bitDepth());
        assertEquals(image, BilinearResize.resize(image, 2, 2));
    }
}
