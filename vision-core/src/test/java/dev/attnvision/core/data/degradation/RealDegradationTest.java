package dev.attnvision.core.data.degradation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attnvision.core.image.MatlabBicubic;
import dev.attnvision.core.image.Raster;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RealDegradationTest {
    @Test
    void randomBlurDrawsOddSidesInRangeAndEveryKind() {
        RandomBlur blur = DegradationPreset.REAL.first().blur();
        Set<Integer> sides = new HashSet<>();
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 400; i++) {
            Kernel k = blur.draw(random);
            assertTrue(k.size() % 2 == 1 && k.size() >= 7 && k.size() <= 21, "side " + k.size());
            assertEquals(1.0, k.sum(), 1e-5);
            sides.add(k.size());
        }
        assertEquals(8, sides.size(), "all of 7, 9, ..., 21 occur");
        assertEquals(blur.draw(new SplittableRandom(5)).weights()[3], blur.draw(new SplittableRandom(5)).weights()[3]);
    }

    @Test
    void randomResizeStaysWithinItsFactorsOfTheReference() {
        RandomResize resize = new RandomResize(0.3, 0.4, new Range(0.3, 1.2));
        Raster image = DegradationImages.scene(40, 30);
        SplittableRandom random = new SplittableRandom(6);
        Set<Integer> widths = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Raster out = resize.apply(image, 100, 50, random);
            assertTrue(out.width() >= 30 && out.width() <= 120, "width " + out.width());
            assertEquals(out.width() / 100.0, out.height() / 50.0, 0.03, "aspect ratio kept");
            widths.add(out.width());
        }
        assertTrue(widths.contains(100), "kept at the reference size sometimes");
        assertTrue(widths.size() > 20);
    }

    @Test
    void theOutputHasTheLowResolutionSizeAndWholeGreyLevels() {
        for (DegradationPreset preset : DegradationPreset.ALL) {
            DegradationImages.assertLowResolutionImages(new RealDegradation(preset));
        }
    }

    @Test
    void theSameSeedGivesTheSameImageAndAnotherSeedAnother() {
        DegradationImages.assertSeeded(new RealDegradation(DegradationPreset.REAL));
    }

    @Test
    void itDegradesFarMoreThanBicubicAndTheMildPresetLess() {
        double real = DegradationImages.meanMseFromBicubic(new RealDegradation(DegradationPreset.REAL));
        double mild = DegradationImages.meanMseFromBicubic(new RealDegradation(DegradationPreset.REAL_MILD));
        assertTrue(mild > 20, "mild still degrades: mse " + mild);
        assertTrue(real > 1.5 * mild, "real-ESRGAN ranges degrade more: " + real + " against " + mild);
    }

    @Test
    void presetsAreFoundByName() {
        assertEquals(DegradationPreset.REAL, DegradationPreset.named("REAL").orElseThrow());
        assertEquals(DegradationPreset.REAL_MILD, DegradationPreset.named("real-mild").orElseThrow());
        assertTrue(DegradationPreset.named("jpeg").isEmpty());
    }
}
