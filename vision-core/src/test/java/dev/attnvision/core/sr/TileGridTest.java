package dev.attnvision.core.sr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attnvision.core.sr.TileGrid.Tile;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TileGridTest {
    @ParameterizedTest(name = "{0}x{1}, tiles <= {2}, pad {3}")
    @CsvSource({"75, 58, 24, 12", "64, 64, 32, 8", "1, 1, 16, 12", "100, 7, 16, 0", "129, 300, 128, 12", "40, 40, 128, 12"})
    void coresCoverTheImageOnceWithinBoundedTilesAndWindowsHoldThePadding(int width, int height, int max, int pad) {
        List<Tile> tiles = TileGrid.cover(width, height, max, pad);
        int[] covered = new int[width * height];
        for (Tile t : tiles) {
            assertTrue(t.width() <= max && t.height() <= max, t.toString());
            assertTrue(t.contextX() >= 0 && t.contextY() >= 0 && t.contextX() + t.contextWidth() <= width
                    && t.contextY() + t.contextHeight() <= height, t.toString());
            assertEquals(Math.min(width, t.width() + 2 * pad), t.contextWidth(), t.toString());
            assertEquals(Math.min(height, t.height() + 2 * pad), t.contextHeight(), t.toString());
            // the window reaches pad pixels beyond the core, or the image border
            assertTrue(t.x() - t.contextX() >= Math.min(pad, t.x()), t.toString());
            assertTrue(t.y() - t.contextY() >= Math.min(pad, t.y()), t.toString());
            assertTrue(t.contextX() + t.contextWidth() - (t.x() + t.width()) >= Math.min(pad, width - t.x() - t.width()));
            assertTrue(t.contextY() + t.contextHeight() - (t.y() + t.height()) >= Math.min(pad, height - t.y() - t.height()));
            for (int y = t.y(); y < t.y() + t.height(); y++) {
                for (int x = t.x(); x < t.x() + t.width(); x++) {
                    covered[y * width + x]++;
                }
            }
        }
        for (int count : covered) {
            assertTrue(count >= 1, "a pixel no tile produces");
        }
        assertEquals(tiles.get(0).width(), tiles.get(tiles.size() - 1).width(), "all tiles share one size");
    }

    @Test
    void cutsEachAxisIntoTheFewestEqualTilesAndShiftsTheLastBackInside() {
        // 75 = 4 tiles of 19 (76 > 75), so the last starts at 56, one pixel before 57
        List<Tile> tiles = TileGrid.cover(75, 10, 24, 5);
        assertEquals(List.of(0, 19, 38, 56), tiles.stream().map(Tile::x).toList());
        assertEquals(List.of(0, 14, 33, 46), tiles.stream().map(Tile::contextX).toList());
        assertEquals(29, tiles.get(0).contextWidth());
        assertEquals(10, tiles.get(0).height());
        assertEquals(List.of(new Tile(0, 0, 40, 40, 0, 0, 40, 40)), TileGrid.cover(40, 40, 128, 12));
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> TileGrid.cover(10, 10, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> TileGrid.cover(10, 10, 8, -1));
        assertThrows(IllegalArgumentException.class, () -> new Tiling(8));
    }
}
