package dev.attnvision.core.data.degradation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attnvision.core.image.MatlabBicubic;
import dev.attnvision.core.image.Raster;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PhotoDegradationTest {
    private static final PhotoDegradation PHOTO = PhotoDegradation.PHOTO;

    @Test
    void theOutputHasTheLowResolutionSizeAndWholeGreyLevels() {
        Raster hr = DegradationImages.scene(130, 97);
        for (int scale = 2; scale <= 4; scale++) {
            Raster lr = PHOTO.degrade(hr, scale, new SplittableRandom(scale));
            assertEquals(130 / scale, lr.width());
            assertEquals(97 / scale, lr.height());
            assertEquals(3, lr.channels());
            for (float v : lr.floats()) {
                assertTrue(v >= 0 && v <= 255 && v == Math.round(v), "sample " + v);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> PHOTO.degrade(DegradationImages.scene(3, 3), 4,
                new SplittableRandom(1)));
    }

    @Test
    void theSameSeedGivesTheSameImageAndAnotherSeedAnother() {
        Raster hr = DegradationImages.scene(96, 96);
        Raster a = PHOTO.degrade(hr, 4, new SplittableRandom(11));
        assertEquals(a, PHOTO.degrade(hr, 4, new SplittableRandom(11)));
        assertNotEquals(a, PHOTO.degrade(hr, 4, new SplittableRandom(12)));
    }

    @Test
    void itDegradesMoreThanBicubicButLessThanRealEsrgansSecondOrder() {
        Raster hr = DegradationImages.scene(128, 128);
        Raster bicubic = MatlabBicubic.downscale(hr, 2);
        double photo = 0;
        double real = 0;
        int draws = 24;
        for (int seed = 0; seed < draws; seed++) {
            photo += DegradationImages.mse(PHOTO.degrade(hr, 2, new SplittableRandom(seed)), bicubic);
            real += DegradationImages.mse(new RealDegradation(DegradationPreset.REAL).degrade(hr, 2,
                    new SplittableRandom(seed)), bicubic);
        }
        assertTrue(photo / draws > 20, "a photo's blur, noise and JPEG degrade: mse " + photo / draws);
        assertTrue(real > 1.5 * photo, "the second order degrades more: " + real / draws + " against " + photo / draws);
    }

    @Test
    void itsBlurIsAnIsotropicGaussianWithinItsRange() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 50; i++) {
            Kernel k = PHOTO.blur().draw(random);
            assertEquals(1.0, k.sum(), 1e-5);
            int c = k.size() / 2;
            float[] w = k.weights();
            // isotropic: the kernel is the same along both axes and both diagonals
            assertEquals(w[c * k.size() + c + 1], w[(c + 1) * k.size() + c], 1e-7);
            assertEquals(w[(c - 1) * k.size() + c - 1], w[(c + 1) * k.size() + c - 1], 1e-7);
        }
    }

    @Test
    void itIsChosenByName() {
        assertSame(PHOTO, Degradations.named("Photo"));
        assertTrue(Degradations.names().contains("photo"));
        assertEquals("photo:3", Degradations.seeded("photo:3").label());
    }
}
