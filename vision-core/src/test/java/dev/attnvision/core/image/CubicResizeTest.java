package dev.attnvision.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CubicResizeTest {
    @Test
    void flatImageStaysFlatAndKeepsChannelsAndDepth() {
        Raster flat = new Raster(4, 3, 4, 16, new float[48]);
        java.util.Arrays.fill(flat.floats(), 123.25f);
        Raster big = CubicResize.resize(flat, 8, 6);
        assertEquals(8, big.width());
        assertEquals(6, big.height());
        assertEquals(4, big.channels());
        assertEquals(16, big.bitDepth());
        for (float v : big.floats()) {
            assertEquals(123.25f, v, 1e-3f);
        }
    }

    @Test
    void overshootAtASharpEdgeIsClamped() {
        Raster edge = Raster.blank(8, 1, 1);
        for (int x = 4; x < 8; x++) {
            edge.set(0, x, 0, 255);
        }
        Raster big = CubicResize.resize(edge, 32, 1);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : big.floats()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0f, min);
        assertEquals(255f, max);
        assertTrue(big.get(0, 15, 0) > 0 && big.get(0, 15, 0) < 255, "the edge is interpolated, not copied");
    }
}
