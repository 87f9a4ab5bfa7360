package dev.attnvision.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BoxOverlayTest {
    private static int rgbAt(Raster r, int x, int y) {
        return Math.round(r.get(y, x, 0)) << 16 | Math.round(r.get(y, x, 1)) << 8 | Math.round(r.get(y, x, 2));
    }

    private static double luma(int rgb) {
        return 0.299 * (rgb >> 16 & 0xFF) + 0.587 * (rgb >> 8 & 0xFF) + 0.114 * (rgb & 0xFF);
    }

    @Test
    void drawsTheBoxInItsColourAndATagAboveOnAGreyImage() {
        Raster grey = new Raster(200, 120, 1, 16, new float[200 * 120]);
        int red = 0xE02020;
        Raster out = BoxOverlay.draw(grey, List.of(new BoxOverlay.Box(50, 60, 150, 110, "cell 0.93", red)));
        assertEquals(3, out.channels());
        assertEquals(8, out.bitDepth());
        assertEquals(red, rgbAt(out, 100, 110), "bottom edge");
        assertEquals(red, rgbAt(out, 50, 85), "left edge");
        assertEquals(0, rgbAt(out, 100, 85), "inside stays untouched");
        Set<Integer> tag = new HashSet<>();
        for (int x = 52; x < 90; x++) {
            for (int y = 45; y < 58; y++) {
                tag.add(rgbAt(out, x, y));
            }
        }
        assertTrue(tag.contains(red), "the tag is filled with the box colour");
        assertTrue(tag.stream().anyMatch(c -> luma(c) > 220), "white text on a dark red tag");
    }

    @Test
    void aBoxAtTheTopGetsItsTagInsideAndLightColoursGetBlackTextOnAWhiteImage() {
        float[] white = new float[100 * 80 * 3];
        java.util.Arrays.fill(white, 255f);
        int yellow = 0xF0F020;
        Raster out = BoxOverlay.draw(new Raster(100, 80, 3, 8, white), List.of(new BoxOverlay.Box(0, 0, 99, 79, "x", yellow)));
        boolean blackOnYellow = false;
        for (int x = 1; x < 12; x++) {
            for (int y = 1; y < 12; y++) {
                blackOnYellow |= luma(rgbAt(out, x, y)) < 60;
            }
        }
        assertEquals(yellow, rgbAt(out, 8, 2), "tag inside the box");
        assertTrue(blackOnYellow, "black text");
    }

    @Test
    void neighbouringClassesGetDifferentColours() {
        for (int i = 0; i < 20; i++) {
            assertNotEquals(BoxOverlay.colour(i), BoxOverlay.colour(i + 1));
        }
    }
}
