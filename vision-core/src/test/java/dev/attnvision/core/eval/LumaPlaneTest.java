package dev.attnvision.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.attnvision.core.image.Raster;
import org.junit.jupiter.api.Test;

class LumaPlaneTest {
    @Test
    void bt601MapsBlackWhiteAndPrimariesToStudioRange() {
        float[] rgb = {0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 255, 0, 0, 0, 255, 100, 50, 200};
        LumaPlane y = LumaPlane.of(new Raster(6, 1, 3, 8, rgb));
        double mixed = 16 + (65.481 * 100 + 128.553 * 50 + 24.966 * 200) / 255;
        assertArrayEquals(new double[] {16, 235, 16 + 65.481, 16 + 128.553, 16 + 24.966, mixed}, y.data(), 1e-9);
    }

    @Test
    void grayIsTakenAsItIsAndShavingKeepsTheInside() {
        float[] gray = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        LumaPlane y = LumaPlane.of(new Raster(4, 3, 1, 8, gray));
        assertArrayEquals(new double[] {6, 7}, y.shave(1).data());
        assertThrows(IllegalArgumentException.class, () -> y.shave(2));
    }
}
