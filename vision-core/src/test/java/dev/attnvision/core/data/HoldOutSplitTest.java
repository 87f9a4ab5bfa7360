package dev.attnvision.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HoldOutSplitTest {
    private static final Path ROOT = Path.of("/data/kangaroo");

    private static DetectionDataset images(int n) {
        List<ImageAnnotation> images = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            images.add(new ImageAnnotation(ROOT.resolve(String.format("images/%05d.jpg", i)), 10, 10, List.of(),
                    List.of("kangaroo")));
        }
        return new DetectionDataset(List.of("kangaroo"), images, List.of());
    }

    private static List<Path> paths(DetectionDataset data) {
        return data.images().stream().map(ImageAnnotation::image).toList();
    }

    @Test
    void holdsOutTheRoundedFractionTheSameImagesWhateverTheListingOrder() {
        DetectionDataset all = images(164);
        HoldOutSplit split = HoldOutSplit.of(all, ROOT, 0.2);
        assertEquals(33, split.validation().images().size());
        assertEquals(131, split.train().images().size());
        List<Path> held = paths(split.validation());
        assertTrue(held.stream().noneMatch(paths(split.train())::contains));
        List<ImageAnnotation> shuffled = new ArrayList<>(all.images());
        Collections.shuffle(shuffled, new Random(3));
        HoldOutSplit again = HoldOutSplit.of(all.withImages(shuffled), ROOT, 0.2);
        assertEquals(held.stream().sorted().toList(), paths(again.validation()).stream().sorted().toList());
        assertTrue(held.stream().map(p -> p.getFileName().toString()).distinct().count() == 33);
        assertTrue(split.describe().startsWith("held out 33 of 164 images for validation"), split.describe());
    }

    @Test
    void addingImagesMovesNoneOfTheOthersOutOfTraining() {
        HoldOutSplit before = HoldOutSplit.of(images(100), ROOT, 0.2);
        HoldOutSplit after = HoldOutSplit.of(images(120), ROOT, 0.2);
        List<Path> heldBefore = paths(before.validation());
        List<Path> heldAfter = paths(after.validation());
        long moved = paths(before.train()).stream().filter(heldAfter::contains).count();
        assertTrue(moved <= 4, "at most the extra share of held-out images comes from the old training images: " + moved);
        assertTrue(heldBefore.stream().filter(heldAfter::contains).count() >= 16, heldAfter.toString());
    }

    @Test
    void fractionZeroTrainsOnEverythingAndOtherFractionsAreRefused() {
        HoldOutSplit none = HoldOutSplit.of(images(7), ROOT, 0);
        assertEquals(7, none.train().images().size());
        assertEquals(0, none.validation().images().size());
        assertEquals("no split lists: training on all 7 images, none held out for validation", none.describe());
        assertEquals(1, HoldOutSplit.of(images(3), ROOT, 0.05).validation().images().size(), "at least one image");
        assertThrows(IllegalArgumentException.class, () -> HoldOutSplit.of(images(3), ROOT, 1));
        assertThrows(IllegalArgumentException.class, () -> HoldOutSplit.of(images(3), ROOT, -0.1));
    }
}
