package dev.attnvision.core.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attnvision.core.data.BoxLabel;
import dev.attnvision.core.data.LabeledImage;
import dev.attnvision.core.image.Raster;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticSceneGeneratorTest {
    @Test
    void theSameSeedGivesTheSameSceneAndAnotherSeedAnother() {
        SyntheticSceneGenerator generator = new SyntheticSceneGenerator(SceneConfig.standard(160, 120));
        LabeledImage a = generator.generate(new Random(7));
        assertEquals(a, generator.generate(new Random(7)));
        assertNotEquals(a.image(), generator.generate(new Random(8)).image());
        assertEquals(List.of("circle", "square", "triangle", "star", "ring", "cross"), generator.classNames());
    }

    @Test
    void boxesAreTheExtentOfTheDrawnPixels() {
        SyntheticSceneGenerator generator = new SyntheticSceneGenerator(SceneConfig.plain(96, 96, 1));
        Set<ShapeKind> seen = EnumSet.noneOf(ShapeKind.class);
        for (int seed = 0; seed < 40; seed++) {
            LabeledImage scene = generator.generate(new Random(seed));
            BoxLabel box = scene.boxes().get(0);
            seen.add(ShapeKind.values()[box.classId()]);
            int[] extent = changedPixelExtent(scene.image());
            String where = "seed " + seed + ", " + box + ", drawn extent x " + extent[0] + ".." + extent[2] + ", y "
                    + extent[1] + ".." + extent[3];
            assertEquals(box.x1(), extent[0], 1.0, where);
            assertEquals(box.y1(), extent[1], 1.0, where);
            assertEquals(box.x2(), extent[2] + 1, 1.0, where);
            assertEquals(box.y2(), extent[3] + 1, 1.0, where);
        }
        assertEquals(EnumSet.allOf(ShapeKind.class), seen);
    }

    @Test
    void busyScenesKeepSizesOverlapAndBoundsWithinTheConfig() {
        SceneConfig config = SceneConfig.standard(256, 256);
        SyntheticSceneGenerator generator = new SyntheticSceneGenerator(config);
        Random random = new Random(3);
        for (int scene = 0; scene < 5; scene++) {
            List<BoxLabel> boxes = generator.generate(random).boxes();
            assertTrue(boxes.size() >= 1 && boxes.size() <= config.maxObjects(), boxes.toString());
            for (int i = 0; i < boxes.size(); i++) {
                BoxLabel b = boxes.get(i);
                float side = Math.max(b.width(), b.height());
                assertTrue(side >= config.minSize() - 1e-3 && side <= config.maxSize() + 1e-3, b.toString());
                assertTrue(b.x1() >= 0 && b.y1() >= 0 && b.x2() <= 256 && b.y2() <= 256, b.toString());
                for (int j = 0; j < i; j++) {
                    BoxLabel o = boxes.get(j);
                    double inter = Math.max(0, Math.min(b.x2(), o.x2()) - Math.max(b.x1(), o.x1()))
                            * Math.max(0, Math.min(b.y2(), o.y2()) - Math.max(b.y1(), o.y1()));
                    assertTrue(inter / Math.min(b.area(), o.area()) <= config.maxOverlap() + 1e-6, b + " over " + o);
                }
            }
        }
    }

    @Test
    void boxBlurSpreadsAPointOverItsNeighbourhood() {
        Raster point = Raster.blank(5, 4, 3);
        point.set(1, 2, 1, 90);
        Raster blurred = SyntheticSceneGenerator.boxBlur(point, 1);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 5; x++) {
                float expected = Math.abs(y - 1) <= 1 && Math.abs(x - 2) <= 1 ? 10 : 0;
                assertEquals(expected, blurred.get(y, x, 1), 1e-4f, "(" + x + ", " + y + ")");
                assertEquals(0f, blurred.get(y, x, 0));
            }
        }
    }

    /** {min x, min y, max x, max y} of the pixels that differ from the top-left (background) pixel. */
    private static int[] changedPixelExtent(Raster image) {
        int[] extent = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                boolean changed = false;
                for (int c = 0; c < 3; c++) {
                    changed |= Math.abs(image.get(y, x, c) - image.get(0, 0, c)) > 12;
                }
                if (changed) {
                    extent[0] = Math.min(extent[0], x);
                    extent[1] = Math.min(extent[1], y);
                    extent[2] = Math.max(extent[2], x);
                    extent[3] = Math.max(extent[3], y);
                }
            }
        }
        return extent;
    }
}
