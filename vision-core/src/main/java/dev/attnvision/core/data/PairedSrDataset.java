package dev.attnvision.core.data;

import dev.attnvision.core.data.degradation.Degradation;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.image.RasterChannels;
import dev.attnvision.core.train.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random paired patches for training super-resolution, in the manner of BasicSR's {@code PairedImageDataset} with
 * on-the-fly degradation. A sample is an HR patch at a random position aligned to the scale, one of the 8
 * flips/90-degree rotations, and its LR patch made by a {@link Degradation}: a {@link Degradation#deterministic()
 * deterministic} one (the benchmark bicubic) reduces each whole image once and the LR patch is cut from it; a random
 * one (Real-ESRGAN's) degrades every HR patch afresh from the sample's own draws, as Real-ESRGAN degrades its crops.
 *
 * <p>Deterministic: batch {@code b} is drawn from a generator seeded with {@link Seeds#derive Seeds.derive(seed, b)}
 * alone, so any batch can be remade, on any thread, in any order; a resumed run sees the batches an uninterrupted one
 * would.
 */
public final class PairedSrDataset {
    private final List<Raster> hr = new ArrayList<>();
    private final List<Raster> lr = new ArrayList<>();
    private final Degradation degradation;
    private final int scale;
    private final int patch;
    private final int batchSize;
    private final long seed;
    private final int skipped;

    /**
     * Patches of {@code patch} HR pixels (a multiple of {@code scale}) from {@code images} (gray is replicated to RGB,
     * alpha dropped), degraded by {@code degradation}; images smaller than a patch are skipped and counted in
     * {@link #skipped()}.
     */
    public PairedSrDataset(List<Raster> images, Degradation degradation, int scale, int patch, int batchSize,
            long seed) {
        if (scale < 1 || patch < scale || patch % scale != 0) {
            throw new IllegalArgumentException("patch size must be a positive multiple of the scale " + scale
                    + ", got " + patch);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        int small = 0;
        for (Raster image : images) {
            if (image.width() < patch || image.height() < patch) {
                small++;
                continue;
            }
            Raster rgb = RasterChannels.rgb(image);
            hr.add(rgb);
            if (degradation.deterministic()) {
                lr.add(degradation.degrade(rgb, scale, null));
            }
        }
        if (hr.isEmpty()) {
            throw new IllegalArgumentException("none of the " + images.size() + " training images is at least " + patch
                    + "x" + patch + " pixels; use larger images or a smaller --patch");
        }
        this.degradation = degradation;
        this.scale = scale;
        this.patch = patch;
        this.batchSize = batchSize;
        this.seed = seed;
        this.skipped = small;
    }

    /** Images left out because they are smaller than a patch. */
    public int skipped() {
        return skipped;
    }

    /** Images in use. */
    public int size() {
        return hr.size();
    }

    /** Batch number {@code index}: a pure function of the seed and the index. */
    public SrBatch batch(long index) {
        SplittableRandom random = new SplittableRandom(Seeds.derive(seed, index));
        int lrPatch = patch / scale;
        float[] lrData = new float[batchSize * lrPatch * lrPatch * 3];
        float[] hrData = new float[batchSize * patch * patch * 3];
        for (int k = 0; k < batchSize; k++) {
            int image = random.nextInt(hr.size());
            Raster high = hr.get(image);
            int x = random.nextInt(high.width() / scale - lrPatch + 1);
            int y = random.nextInt(high.height() / scale - lrPatch + 1);
            int transform = random.nextInt(8);
            if (degradation.deterministic()) {
                cut(lr.get(image), x, y, lrPatch, transform, lrData, k * lrPatch * lrPatch * 3);
                cut(high, x * scale, y * scale, patch, transform, hrData, k * patch * patch * 3);
            } else {
                float[] square = new float[patch * patch * 3];
                cut(high, x * scale, y * scale, patch, transform, square, 0);
                System.arraycopy(square, 0, hrData, k * square.length, square.length);
                Raster low = degradation.degrade(new Raster(patch, patch, 3, 8, square), scale, random);
                float[] lowSamples = low.floats();
                System.arraycopy(lowSamples, 0, lrData, k * lowSamples.length, lowSamples.length);
            }
        }
        return new SrBatch(batchSize, lrPatch, patch, lrData, hrData);
    }

    /**
     * Copies the {@code size x size} RGB square at {@code (x0, y0)} into {@code out} at {@code offset}, transformed:
     * bit 0 flips left-right, bit 1 flips top-bottom, bit 2 transposes; together the 8 symmetries of the square.
     */
    static void cut(Raster image, int x0, int y0, int size, int transform, float[] out, int offset) {
        boolean flipX = (transform & 1) != 0;
        boolean flipY = (transform & 2) != 0;
        boolean transpose = (transform & 4) != 0;
        for (int row = 0; row < size; row++) {
            for (int col = 0; col < size; col++) {
                int sy = transpose ? col : row;
                int sx = transpose ? row : col;
                sy = flipY ? size - 1 - sy : sy;
                sx = flipX ? size - 1 - sx : sx;
                int src = ((y0 + sy) * image.width() + x0 + sx) * 3;
                int dst = offset + (row * size + col) * 3;
                for (int k = 0; k < 3; k++) {
                    out[dst + k] = image.samples().get(src + k);
                }
            }
        }
    }
}
