package dev.attnvision.core.sr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.image.RasterSamples;
import dev.attnvision.core.image.RasterTensors;
import dev.attnvision.core.testing.SharedData;
import dev.attnvision.core.train.SeededInitialization;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tiled super-resolution against the whole-image pass of the same network: no seams, bounded tile inputs. */
class TiledUpscalerTest {
    /** A photo-like test image: smooth shading, edges and noise, so every tile sees different statistics. */
    static Raster texturedImage(int width, int height, int bitDepth, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Raster image = new Raster(width, height, 3, bitDepth, new float[width * height * 3]);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 3; c++) {
                    double shade = 128 + 90 * Math.sin(0.11 * x * (c + 1) + 0.07 * y) * Math.cos(0.05 * y - 0.3 * c);
                    double edge = (x / 9 + y / 13) % 2 == 0 ? 30 : -30;
                    image.set(y, x, c, (float) Math.max(0, Math.min(255, shade + edge + random.nextDouble(-20, 20))));
                }
            }
        }
        return image;
    }

    static A2n tinyA2n(NDManager manager, int scale, long seed) {
        A2n net = A2n.builder().setConfig(new A2nConfig(scale, 8, 4, 2)).build();
        net.initialize(manager, DataType.FLOAT32, A2n.sampleInputShape());
        SeededInitialization.apply(net, seed);
        net.freezeParameters(true);
        return net;
    }

    /** The untiled reference: one forward pass over the whole image, clipped like the upscaler's output. */
    static Raster wholeImage(Block network, Raster image, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            return RasterTensors.fromNchw(SrInference.forward(network, new ParameterStore(scope, false),
                    RasterTensors.toNchw(scope, image)), image.bitDepth());
        }
    }

    static float maxDifference(Raster a, Raster b) {
        assertEquals(a.width(), b.width());
        assertEquals(a.height(), b.height());
        float max = 0;
        for (int i = 0; i < a.samples().length(); i++) {
            max = Math.max(max, Math.abs(a.samples().get(i) - b.samples().get(i)));
        }
        return max;
    }

    /** The upscaled image in float samples, unrounded: what the upscaler computes, before any storage rounds it. */
    static Raster floatResult(RgbUpscaler upscaler, Raster rgb) {
        int scale = upscaler.scale();
        Raster target = new Raster(rgb.width() * scale, rgb.height() * scale, 3, rgb.bitDepth(),
                new float[rgb.width() * scale * rgb.height() * scale * 3]);
        upscaler.upscale(rgb, target);
        return target;
    }

    static float tiledDifference(A2n network, Raster image, Tiling tiling, NDManager manager) {
        try (TiledUpscaler upscaler = new TiledUpscaler(network, tiling)) {
            return maxDifference(floatResult(upscaler, image), wholeImage(network, image, manager));
        }
    }

    /**
     * Random weights do not decay with distance as trained ones do, so any missing context or any tile-local pooling
     * shows (by grey levels); tiles of 16 that do not divide 75 x 58 put borders everywhere. They also make features
     * in the thousands, whose float32 rounding alone moves outputs by about 0.01 (the same with 3 more pixels of
     * context everywhere), hence the bound; trained weights are held to 0.01 below.
     */
    @ParameterizedTest(name = "x{0}")
    @ValueSource(ints = {2, 3, 4})
    void theTiledResultEqualsTheWholeImagesAtEveryScale(int scale) {
        try (NDManager manager = NDManager.newBaseManager()) {
            A2n net = tinyA2n(manager, scale, 7);
            Raster image = texturedImage(75, 58, 8, 1);
            float difference = tiledDifference(net, image, new Tiling(16), manager);
            System.out.printf("x%d, 75x58 in tiles of <= 16 px: max |tiled - whole| = %.5f%n", scale, difference);
            assertTrue(difference <= 0.05f, "tiled output differs from the whole image's by " + difference);
        }
    }

    /**
     * At x4 the upsampler's tiles stay at most 128 px (512 px of output) whatever the trunk's: here the trunk runs
     * in tiles of 256, so the 300 px wide image takes two trunk tiles across and three upsampler tiles.
     */
    @Test
    void theUpsamplerTilesBelowTheTrunksTilesAtLargeScalesWithTheSameResult() {
        try (NDManager manager = NDManager.newBaseManager()) {
            A2n net = tinyA2n(manager, 4, 3);
            Raster image = texturedImage(300, 70, 8, 4);
            float difference = tiledDifference(net, image, new Tiling(256), manager);
            System.out.printf("x4, 300x70 in trunk tiles of <= 256 px: max |tiled - whole| = %.5f%n", difference);
            assertTrue(difference <= 0.05f, "tiled output differs from the whole image's by " + difference);
        }
    }

    /** Past the memory budget the maps go to temporary files, with the same result, and the files are deleted. */
    @Test
    void mapsOverTheBudgetGoToTemporaryFilesWithTheSameResult() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            A2n net = tinyA2n(manager, 2, 7);
            Raster image = texturedImage(75, 58, 8, 1);
            Path temp = Path.of(System.getProperty("java.io.tmpdir"));
            long before = featureFiles(temp);
            try (TiledUpscaler inMemory = new TiledUpscaler(net, new Tiling(16));
                    TiledUpscaler onDisk = new TiledUpscaler(net, new Tiling(16, 1))) {
                float difference = maxDifference(floatResult(inMemory, image), floatResult(onDisk, image));
                assertTrue(difference <= 1e-4f, "maps in files changed the result by " + difference);
            }
            assertEquals(before, featureFiles(temp), "temporary feature maps were left in " + temp);
        }
    }

    private static long featureFiles(Path directory) throws IOException {
        try (var files = java.nio.file.Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().startsWith("attnvision-features-")).count();
        }
    }

    @Test
    void aTileThatIsTheWholeImageIsTheWholeImagePass() {
        try (NDManager manager = NDManager.newBaseManager()) {
            A2n net = tinyA2n(manager, 2, 5);
            Raster image = texturedImage(64, 30, 8, 4);
            try (TiledUpscaler upscaler = new TiledUpscaler(net, new Tiling(64))) {
                assertEquals(wholeImage(net, image, manager), floatResult(upscaler, image));
            }
        }
    }

    /**
     * What {@code upscale} writes: a target stored as bytes or shorts is filled tile by tile with the result rounded
     * to its levels, so each sample is within half a level of the float result (plus the rounding of two passes).
     */
    @ParameterizedTest(name = "{0}-bit")
    @ValueSource(ints = {8, 16})
    void aTargetStoredAsIntegersHoldsTheResultRoundedToItsLevels(int bitDepth) {
        try (NDManager manager = NDManager.newBaseManager()) {
            A2n net = tinyA2n(manager, 2, 3);
            Raster image = texturedImage(45, 37, bitDepth, 5);
            try (TiledUpscaler upscaler = new TiledUpscaler(net, new Tiling(16))) {
                Raster exact = floatResult(upscaler, image);
                Raster stored = Raster.atDepth(90, 74, 3, bitDepth);
                upscaler.upscale(image, stored);
                assertEquals(bitDepth == 8 ? RasterSamples.Bytes.class : RasterSamples.Shorts.class,
                        stored.samples().getClass());
                float halfLevel = bitDepth == 8 ? 0.5f : 0.5f / 257;
                float difference = maxDifference(exact, stored);
                assertTrue(difference <= halfLevel + 0.05f, "stored samples are " + difference + " from the result");
            }
        }
    }

    @Test
    void sixteenBitSamplesKeepTheirFractionsAndTheOutputIsClipped() {
        try (NDManager manager = NDManager.newBaseManager()) {
            A2n net = tinyA2n(manager, 2, 3);
            Raster image = texturedImage(30, 20, 16, 2);
            try (TiledUpscaler upscaler = new TiledUpscaler(net, new Tiling(16))) {
                Raster out = floatResult(upscaler, image);
                assertEquals(16, out.bitDepth());
                assertEquals(60, out.width());
                assertEquals(40, out.height());
                boolean fractional = false;
                for (float v : out.floats()) {
                    assertTrue(v >= 0 && v <= 255, "unclipped sample " + v);
                    fractional |= v != Math.rint(v);
                }
                assertTrue(fractional, "16-bit output was rounded to 8-bit levels");
            }
        }
    }

    /**
     * The released x2 weights on a real photo (Set5 baby, 256x256 LR) in tiles of 32: the sweep is exact (the old
     * context-padding scheme with a statistics pass left 0.26 grey levels at its default, 2 at 4 px of context).
     */
    @Test
    void theReleasedWeightsTiledMatchTheWholeImage() throws IOException {
        Path weights = SharedData.require("weights/a2n-official/aan_x2.pt");
        Path photo = SharedData.require("data/sr/Set5/LR_bicubic/X2/babyx2.png");
        int[] size = new int[2];
        float[] rgb = A2nGoldenTest.readRgb(photo, size);
        Raster image = new Raster(size[1], size[0], 3, 8, rgb);
        try (NDManager manager = NDManager.newBaseManager()) {
            A2n net = A2nGoldenTest.released(2, weights, manager);
            float exact = tiledDifference(net, image, new Tiling(32), manager);
            System.out.printf("released x2 weights, baby 256x256 in tiles of 32: max |tiled - whole| = %.5f%n", exact);
            assertTrue(exact <= 0.01f, "tiles of 32 differ from the whole image by " + exact);
        }
    }
}
