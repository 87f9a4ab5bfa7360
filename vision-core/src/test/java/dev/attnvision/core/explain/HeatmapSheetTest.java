package dev.attnvision.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attnvision.core.image.PerceptualColorMap;
import dev.attnvision.core.image.Raster;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeatmapSheetTest {
    private static final AttentionMap HALVES = new AttentionMap("halves", 2, 1, new float[] {0, 1});

    /** How many pixels of {@code sheet} have (within 1) the colour map's colour at {@code t}. */
    private static int count(Raster sheet, double t) {
        float[] rgb = PerceptualColorMap.rgb(t);
        int n = 0;
        for (int p = 0; p < sheet.width() * sheet.height(); p++) {
            boolean same = true;
            for (int c = 0; c < 3; c++) {
                same &= Math.abs(sheet.samples().get(p * 3 + c) - Math.round(rgb[c])) <= 1;
            }
            n += same ? 1 : 0;
        }
        return n;
    }

    @Test
    void aSmallImageBecomesOneLargeOverlayInTheMapsColours() {
        Raster black = Raster.blank(20, 10, 3);
        float[] halves = new float[200];
        for (int p = 0; p < 200; p++) {
            halves[p] = p % 20 < 10 ? 0 : 1;
        }
        AttentionMap map = new AttentionMap("left low, right high", 20, 10, halves);
        Raster sheet = new HeatmapSheet("one", "title", black, List.of(map), new ValueRange(0, 1), "value", 4, 1)
                .render();
        assertTrue(sheet.width() > 320 && sheet.height() > 160, sheet.toString());
        int tile = 320 * 160;
        assertTrue(count(sheet, 0) > tile / 3, "the low half of the tile");
        assertTrue(count(sheet, 1) > tile / 3, "the high half of the tile");
    }

    @Test
    void moreMapsThanColumnsWrapIntoRows() {
        Raster image = Raster.blank(200, 100, 3);
        Raster row = new HeatmapSheet("grid", "t", image, Collections.nCopies(4, HALVES), new ValueRange(0, 1), "v", 4, 0.5)
                .render();
        Raster rows = new HeatmapSheet("grid", "t", image, Collections.nCopies(5, HALVES), new ValueRange(0, 1), "v", 4, 0.5)
                .render();
        assertEquals(row.width(), rows.width());
        assertEquals(100 + 6, rows.height() - row.height(), "one more row of 100 px tiles and a 6 px gap");
        assertThrows(IllegalArgumentException.class,
                () -> new HeatmapSheet("grid", "t", image, List.of(), new ValueRange(0, 1), "v", 4, 0.5));
    }
}
