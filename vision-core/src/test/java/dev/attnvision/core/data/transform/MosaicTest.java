package dev.attnvision.core.data.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attnvision.core.data.BoxLabel;
import dev.attnvision.core.data.LabeledImage;
import dev.attnvision.core.image.Raster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MosaicTest {
    /** An image of one flat grey {@code level} whose box (class {@code level / 50}) is filled with {@code 255 - level}. */
    private static LabeledImage flat(int width, int height, int level, BoxLabel box) {
        float[] data = new float[width * height * 3];
        Arrays.fill(data, level);
        Raster raster = new Raster(width, height, 3, 8, data);
        for (int y = (int) box.y1(); y < box.y2(); y++) {
            for (int x = (int) box.x1(); x < box.x2(); x++) {
                for (int c = 0; c < 3; c++) {
                    raster.set(y, x, c, 255 - level);
                }
            }
        }
        return new LabeledImage(raster, List.of(box));
    }

    private static List<LabeledImage> four() {
        List<LabeledImage> images = new ArrayList<>();
        int[] levels = {0, 50, 100, 150};
        for (int i = 0; i < 4; i++) {
            images.add(flat(120 + 20 * i, 90, levels[i], new BoxLabel(30, 20, 90, 70, i)));
        }
        return images;
    }

    @Test
    void everyKeptBoxStillFramesItsOwnObjectAndTheSameSeedGivesTheSameMosaic() {
        Mosaic mosaic = Mosaic.standard(128);
        int boxes = 0;
        for (long seed = 0; seed < 20; seed++) {
            LabeledImage out = mosaic.combine(four(), new SplittableRandom(seed));
            assertEquals(128, out.image().width());
            assertEquals(128, out.image().height());
            for (BoxLabel b : out.boxes()) {
                boxes++;
                assertTrue(b.x1() >= 0 && b.y1() >= 0 && b.x2() <= 128 && b.y2() <= 128, b.toString());
                assertTrue(b.width() > 0 && b.height() > 0, b.toString());
                int x = (int) ((b.x1() + b.x2()) / 2);
                int y = (int) ((b.y1() + b.y2()) / 2);
                float expected = 255 - 50 * b.classId();
                assertEquals(expected, out.image().get(y, x, 0), 2f, "seed " + seed + ": the centre of " + b
                        + " shows its object");
            }
            LabeledImage again = mosaic.combine(four(), new SplittableRandom(seed));
            assertEquals(out.boxes(), again.boxes());
            assertTrue(Arrays.equals(out.image().floats(), again.image().floats()));
        }
        assertTrue(boxes >= 40, "most objects stay visible: " + boxes + " of 80");
        assertFalse(mosaic.combine(four(), new SplittableRandom(1)).boxes()
                .equals(mosaic.combine(four(), new SplittableRandom(2)).boxes()), "seeds differ");
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Mosaic(64, 0.1, 1, 0, 114));
        assertThrows(IllegalArgumentException.class, () -> new Mosaic(64, 1, 0.5, 0, 114));
        assertThrows(IllegalArgumentException.class, () -> new Mosaic(64, 1, 1, 0.6, 114));
        assertThrows(IllegalArgumentException.class,
                () -> Mosaic.standard(64).combine(four().subList(0, 3), new SplittableRandom(1)));
    }
}
