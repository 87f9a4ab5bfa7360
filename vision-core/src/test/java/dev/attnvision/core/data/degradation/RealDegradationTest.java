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
        Raster hr = DegradationImages.scene(130, 97);
        for (int scale = 2; scale <= 4; scale++) {
            for (DegradationPreset preset : DegradationPreset.ALL) {
                Raster lr = new RealDegradation(preset).degrade(hr, scale, new SplittableRandom(scale));
                assertEquals(130 / scale, lr.width());
                assertEquals(97 / scale, lr.height());
                assertEquals(3, lr.channels());
                for (float v : lr.floats()) {
                    assertTrue(v >= 0 && v <= 255 && v == Math.round(v), "sample " + v);
                }
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameImageAndAnotherSeedAnother() {
        Raster hr = DegradationImages.scene(96, 96);
        RealDegradation real = new RealDegradation(DegradationPreset.REAL);
        Raster a = real.degrade(hr, 4, new SplittableRandom(11));
        assertEquals(a, real.degrade(hr, 4, new SplittableRandom(11)));
        assertNotEquals(a, real.degrade(hr, 4, new SplittableRandom(12)));
    }

    @Test
    void itDegradesFarMoreThanBicubicAndTheMildPresetLess() {
        Raster hr = DegradationImages.scene(128, 128);
        Raster bicubic = MatlabBicubic.downscale(hr, 2);
        double real = 0;
        double mild = 0;
        int draws = 24;
        for (int seed = 0; seed < draws; seed++) {
            real += DegradationImages.mse(new RealDegradation(DegradationPreset.REAL).degrade(hr, 2,
                    new SplittableRandom(seed)), bicubic);
            mild += DegradationImages.mse(new RealDegradation(DegradationPreset.REAL_MILD).degrade(hr, 2,
                    new SplittableRandom(seed)), bicubic);
        }
        assertTrue(mild / draws > 20, "mild still degrades: mse " + mild / draws);
        assertTrue(real > 1.5 * mild, "real-ESRGAN ranges degrade more: " + real / draws + " against " + mild / draws);
    }

    @Test
    void presetsAreFoundByName() {
        assertEquals(DegradationPreset.REAL, DegradationPreset.named("REAL").orElseThrow());
        assertEquals(DegradationPreset.REAL_MILD, DegradationPreset.named("real-mild").orElseThrow());
        assertTrue(DegradationPreset.named("jpeg").isEmpty());
    }
}
