package dev.attnvision.core.data.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.attnvision.core.data.BoxLabel;
import dev.attnvision.core.data.LabeledImage;
import dev.attnvision.core.image.Raster;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TransformsTest {
    /** A 100x50 RGB image whose red channel is the column, green the row. */
    private static LabeledImage sample(BoxLabel... boxes) {
        Raster image = Raster.blank(100, 50, 3);
        for (int y = 0; y < 50; y++) {
            for (int x = 0; x < 100; x++) {
                image.set(y, x, 0, x);
                image.set(y, x, 1, y);
            }
        }
        return new LabeledImage(image, List.of(boxes));
    }

    private static final BoxLabel BOX = new BoxLabel(10, 20, 30, 40, 2);

    @Test
    void flipsMirrorPixelsAndBoxes() {
        LabeledImage h = new RandomFlip(RandomFlip.Axis.HORIZONTAL, 1).apply(sample(BOX), new Random(1));
        assertEquals(List.of(new BoxLabel(70, 20, 90, 40, 2)), h.boxes());
        assertEquals(99f, h.image().get(0, 0, 0));
        LabeledImage v = new RandomFlip(RandomFlip.Axis.VERTICAL, 1).apply(sample(BOX), new Random(1));
        assertEquals(List.of(new BoxLabel(10, 10, 30, 30, 2)), v.boxes());
        assertEquals(49f, v.image().get(0, 0, 1));
        LabeledImage original = sample(BOX);
        assertSame(original, new RandomFlip(RandomFlip.Axis.VERTICAL, 0).apply(original, new Random(1)));
    }

    @Test
    void scaleJitterScalesImageAndBoxes() {
        LabeledImage out = new ScaleJitter(1.5, 1.5).apply(sample(BOX), new Random(3));
        assertEquals(150, out.image().width());
        assertEquals(75, out.image().height());
        assertEquals(List.of(new BoxLabel(15, 30, 45, 60, 2)), out.boxes());
    }

    @Test
    void cropKeepsBoxesWhoseCentreStaysAndClipsThem() {
        BoxLabel inside = new BoxLabel(45, 10, 55, 20, 0);
        BoxLabel clipped = new BoxLabel(30, 5, 50, 15, 1); // centre (40, 10) inside, left part cut
        BoxLabel dropped = new BoxLabel(0, 0, 40, 10, 1); // centre (20, 5) outside
        LabeledImage out = RandomCrop.crop(sample(inside, clipped, dropped), 35, 2, 40, 30);
        assertEquals(40, out.image().width());
        assertEquals(30, out.image().height());
        assertEquals(35f, out.image().get(0, 0, 0));
        assertEquals(2f, out.image().get(0, 0, 1));
        assertEquals(List.of(new BoxLabel(10, 8, 20, 18, 0), new BoxLabel(0, 3, 15, 13, 1)), out.boxes());
    }

    @Test
    void randomCropStaysInsideTheImage() {
        RandomCrop crop = new RandomCrop(0.3);
        Random random = new Random(11);
        for (int i = 0; i < 20; i++) {
            LabeledImage out = crop.apply(sample(BOX), random);
            for (BoxLabel b : out.boxes()) {
                assertEquals(true, b.x1() >= 0 && b.y1() >= 0 && b.x2() <= out.image().width()
                        && b.y2() <= out.image().height() && b.area() > 0, b.toString());
            }
        }
    }

    @Test
    void letterboxPadsMapsBoxesAndItsTransformMapsThemBack() {
        Letterbox.Result r = new Letterbox(64, 64, 114).letterbox(sample(new BoxLabel(10, 20, 30, 40, 2)));
        LetterboxTransform t = r.transform();
        assertEquals(64, t.resizedWidth());
        assertEquals(32, t.resizedHeight());
        assertEquals(16, t.padTop());
        assertEquals(114f, r.sample().image().get(0, 0, 0), "padding");
        assertEquals(114f, r.sample().image().get(63, 63, 2), "padding");
        assertEquals(0f, r.sample().image().get(16, 0, 2), "image");
        BoxLabel b = r.sample().boxes().get(0);
        assertArrayEquals(new float[] {6.4f, 28.8f, 19.2f, 41.6f}, new float[] {b.x1(), b.y1(), b.x2(), b.y2()}, 1e-4f);
        assertArrayEquals(new float[] {10, 20, 30, 40}, t.toSource(new float[] {b.x1(), b.y1(), b.x2(), b.y2()}), 1e-4f);
    }

    @Test
    void colourAdjustmentsFollowTheirFormulas() {
        Raster red = new Raster(1, 1, 3, 8, new float[] {255, 0, 0});
        assertArrayEquals(new float[] {0, 255, 0}, ColorJitter.adjust(red, 1, 1, 1, 1f / 3).floats(), 1e-3f);
        float luma = 0.299f * 255;
        assertArrayEquals(new float[] {luma, luma, luma}, ColorJitter.adjust(red, 1, 1, 0, 0).floats(), 1e-3f);
        Raster grey = new Raster(2, 1, 1, 8, new float[] {100, 200});
        // brightness 0.5 then contrast 2 around the mean 75: 50 -> 25, 100 -> 125
        assertArrayEquals(new float[] {25, 125}, ColorJitter.adjust(grey, 0.5f, 2, 1, 0).floats(), 1e-3f);
        LabeledImage out = new ColorJitter(0.4, 0.4, 0.4, 0.1).apply(sample(BOX), new Random(2));
        assertEquals(List.of(BOX), out.boxes());
    }

    @Test
    void aChainIsReproducibleGivenTheSeed() {
        DetectionTransform chain = DetectionTransform.chain(List.of(new RandomFlip(RandomFlip.Axis.HORIZONTAL, 0.5),
                new ScaleJitter(0.8, 1.2), new RandomCrop(0.6), new ColorJitter(0.3, 0.3, 0.3, 0.05),
                new Letterbox(64, 64, Letterbox.DEFAULT_PAD)));
        LabeledImage a = chain.apply(sample(BOX), new Random(42));
        LabeledImage b = chain.apply(sample(BOX), new Random(42));
        LabeledImage c = chain.apply(sample(BOX), new Random(43));
        assertEquals(a, b);
        assertNotEquals(a.image(), c.image());
    }
}
