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
        DegradationImages.assertLowResolutionImages(PHOTO);
        assertThrows(IllegalArgumentException.class, () -> PHOTO.degrade(DegradationImages.scene(3, 3), 4,
                new SplittableRandom(1)));
    }

    @Test
    void theSameSeedGivesTheSameImageAndAnotherSeedAnother() {
        DegradationImages.assertSeeded(PHOTO);
    }

    @Test
    void itDegradesMoreThanBicubicButLessThanRealEsrgansSecondOrder() {
        double photo = DegradationImages.meanMseFromBicubic(PHOTO);
        double real = DegradationImages.meanMseFromBicubic(new RealDegradation(DegradationPreset.REAL));
        assertTrue(photo > 20, "a photo's blur, noise and JPEG degrade: mse " + photo);
        assertTrue(real > 1.5 * photo, "the second order degrades more: " + real + " against " + photo);
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
