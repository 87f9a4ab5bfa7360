package dev.attnvision.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.attnvision.core.image.PerceptualColorMap;
import dev.attnvision.core.image.Raster;
import org.junit.jupiter.api.Test;

class HeatmapOverlayTest {
    @Test
    void blendsTheColourOfEachValueOverTheImagesLuma() {
        Raster image = new Raster(2, 1, 3, 8, new float[] {200, 100, 0, 10, 20, 30});
        AttentionMap map = new AttentionMap("m", 2, 1, new float[] {2, 6});
        Raster out = HeatmapOverlay.blend(image, map, new ValueRange(2, 6), 0.25);
        float[] low = PerceptualColorMap.rgb(0);
        float[] high = PerceptualColorMap.rgb(1);
        float luma0 = 0.299f * 200 + 0.587f * 100;
        float luma1 = 0.299f * 10 + 0.587f * 20 + 0.114f * 30;
        for (int c = 0; c < 3; c++) {
            assertEquals(0.75f * luma0 + 0.25f * low[c], out.get(0, 0, c), 1e-3);
            assertEquals(0.75f * luma1 + 0.25f * high[c], out.get(0, 1, c), 1e-3);
        }
    }

    @Test
    void aSmallerMapIsStretchedOverTheWholeImage() {
        Raster image = Raster.blank(8, 6, 1);
        AttentionMap constant = new AttentionMap("level", 2, 3, new float[] {0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f});
        Raster out = HeatmapOverlay.blend(image, constant, new ValueRange(0, 1), 1);
        assertEquals(8, out.width());
        assertEquals(3, out.channels());
        float[] mid = PerceptualColorMap.rgb(0.5);
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 8; x++) {
                assertEquals(mid[1], out.get(y, x, 1), 1.0, "pixel " + x + "," + y);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> HeatmapOverlay.blend(image, constant, new ValueRange(0, 1), 1.5));
    }
}
