package dev.attnvision.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DihedralTest {
    /** A 5x3 RGB image of distinct random bytes. */
    private static Raster sample() {
        Raster image = Raster.atDepth(5, 3, 3, 8);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < image.samples().length(); i++) {
            image.samples().set(i, random.nextInt(256));
        }
        return image;
    }

    @Test
    void eachInverseUndoesItsTransform() {
        Raster image = sample();
        for (Dihedral d : Dihedral.values()) {
            Raster turned = d.apply(image);
            assertEquals(d.swapsSides() ? 3 : 5, turned.width(), d.name());
            assertEquals(d.swapsSides() ? 5 : 3, turned.height(), d.name());
            assertEquals(image, d.inverse().apply(turned), d.name());
        }
    }

    @Test
    void theEightTransformsAreDistinct() {
        Raster image = sample();
        Set<Raster> results = new HashSet<>();
        for (Dihedral d : Dihedral.values()) {
            results.add(d.apply(image));
        }
        assertEquals(8, results.size());
    }

    @Test
    void namesSayWhereTheCornersGo() {
        Raster image = Raster.atDepth(3, 2, 1, 8);
        image.set(0, 0, 0, 200);
        assertEquals(200, Dihedral.ROTATE_90_CLOCKWISE.apply(image).get(0, 1, 0), "top-left goes top-right");
        assertEquals(200, Dihedral.ROTATE_90_COUNTERCLOCKWISE.apply(image).get(2, 0, 0), "top-left goes bottom-left");
        assertEquals(200, Dihedral.MIRROR.apply(image).get(0, 2, 0));
        assertEquals(200, Dihedral.FLIP.apply(image).get(1, 0, 0));
        assertEquals(200, Dihedral.ROTATE_180.apply(image).get(1, 2, 0));
        assertEquals(200, Dihedral.TRANSVERSE.apply(image).get(2, 1, 0), "the anti-diagonal mirror");
        assertEquals(Dihedral.ROTATE_90_COUNTERCLOCKWISE, Dihedral.ROTATE_90_CLOCKWISE.inverse());
    }
}
