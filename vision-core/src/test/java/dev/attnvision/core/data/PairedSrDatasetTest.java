package dev.attnvision.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.attnvision.core.data.degradation.BicubicDegradation;
import dev.attnvision.core.data.degradation.DegradationPreset;
import dev.attnvision.core.data.degradation.RealDegradation;
import dev.attnvision.core.image.MatlabBicubic;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.testing.TestImages;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PairedSrDatasetTest {
    @Test
    void batchesArePureFunctionsOfSeedAndIndex() {
        List<Raster> images = List.of(TestImages.noise(40, 30, 1), TestImages.noise(33, 50, 2));
        PairedSrDataset a = new PairedSrDataset(images, BicubicDegradation.INSTANCE, 2, 12, 4, 7);
        PairedSrDataset b = new PairedSrDataset(images, BicubicDegradation.INSTANCE, 2, 12, 4, 7);
        assertArrayEquals(a.batch(5).hr(), b.batch(5).hr());
        assertArrayEquals(a.batch(5).lr(), b.batch(5).lr());
        assertFalse(Arrays.equals(a.batch(5).hr(), a.batch(6).hr()));
        assertFalse(Arrays.equals(a.batch(5).hr(), new PairedSrDataset(images, BicubicDegradation.INSTANCE, 2, 12, 4, 8).batch(5).hr()));
    }

    @Test
    void lowResolutionPatchIsTheMatchingCutOfTheBicubicImageUnderTheSameSymmetry() {
        Raster image = TestImages.noise(36, 27, 3);
        PairedSrDataset data = new PairedSrDataset(List.of(image), BicubicDegradation.INSTANCE, 3, 9, 6, 11);
        Raster lowWhole = MatlabBicubic.downscale(image, 3);
        SrBatch batch = data.batch(0);
        for (int k = 0; k < batch.size(); k++) {
            float[] lrPatch = Arrays.copyOfRange(batch.lr(), k * 27, (k + 1) * 27);
            float[] hrPatch = Arrays.copyOfRange(batch.hr(), k * 243, (k + 1) * 243);
            assertEquals(1, matches(lowWhole, lrPatch, 3, image, hrPatch, 9), "patch " + k);
        }
    }

    /** How many (position, symmetry) pairs reproduce both patches: exactly one for noise. */
    private static int matches(Raster low, float[] lrPatch, int lrSize, Raster high, float[] hrPatch, int hrSize) {
        int found = 0;
        float[] lr = new float[lrPatch.length];
        float[] hr = new float[hrPatch.length];
        for (int y = 0; y + lrSize <= low.height(); y++) {
            for (int x = 0; x + lrSize <= low.width(); x++) {
                for (int t = 0; t < 8; t++) {
                    PairedSrDataset.cut(low, x, y, lrSize, t, lr, 0);
                    PairedSrDataset.cut(high, x * 3, y * 3, hrSize, t, hr, 0);
                    if (Arrays.equals(lr, lrPatch) && Arrays.equals(hr, hrPatch)) {
                        found++;
                    }
                }
            }
        }
        return found;
    }

    @Test
    void theEightSymmetriesOfAnAsymmetricSquareAreDistinct() {
        Raster image = TestImages.noise(4, 4, 5);
        Set<String> seen = new HashSet<>();
        float[] out = new float[48];
        for (int t = 0; t < 8; t++) {
            PairedSrDataset.cut(image, 0, 0, 4, t, out, 0);
            seen.add(Arrays.toString(out));
        }
        assertEquals(8, seen.size());
        PairedSrDataset.cut(image, 0, 0, 4, 4, out, 0); // transpose: out(row, col) = in(col, row)
        assertEquals(image.get(2, 1, 0), out[(1 * 4 + 2) * 3]);
    }

    @Test
    void tooSmallImagesAreSkippedOrRefused() {
        Raster gray = new Raster(20, 20, 1, 8, new float[400]);
        gray.set(3, 4, 0, 99);
        PairedSrDataset data = new PairedSrDataset(List.of(gray, TestImages.noise(8, 8, 1)), BicubicDegradation.INSTANCE, 2, 10, 1, 0);
        assertEquals(1, data.size());
        assertEquals(1, data.skipped());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PairedSrDataset(List.of(TestImages.noise(8, 8, 1)), BicubicDegradation.INSTANCE, 2, 10, 1, 0));
        assertEquals("none of the 1 training images is at least 10x10 pixels; use larger images or a smaller --patch",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PairedSrDataset(List.of(gray), BicubicDegradation.INSTANCE, 3, 10, 1, 0));
    }

    @Test
    void aRandomDegradationMakesEveryLowResolutionPatchFreshFromTheSampleAlone() {
        List<Raster> images = List.of(TestImages.noise(70, 64, 1), TestImages.noise(64, 80, 2));
        RealDegradation real = new RealDegradation(DegradationPreset.REAL);
        PairedSrDataset a = new PairedSrDataset(images, real, 4, 32, 3, 7);
        SrBatch batch = a.batch(2);
        assertEquals(8, batch.lrSize());
        assertEquals(32, batch.hrSize());
        assertArrayEquals(batch.lr(), new PairedSrDataset(images, real, 4, 32, 3, 7).batch(2).lr());
        assertFalse(Arrays.equals(batch.lr(), a.batch(3).lr()));
        for (float v : batch.lr()) {
            assertEquals(Math.round(v), v, "whole grey levels");
        }
    }
}
