package dev.attnvision.core.sr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.image.RasterTensors;
import dev.attnvision.core.model.CheckpointImporter;
import dev.attnvision.core.model.CheckpointReader;
import dev.attnvision.core.testing.SharedData;
import dev.attnvision.core.train.SeededInitialization;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        for (int i = 0; i < a.data().length; i++) {
            max = Math.max(max, Math.abs(a.data()[i] - b.data()[i]));
        }
        return max;
    }

    static float tiledDifference(Block network, int scale, Raster image, Tiling tiling, NDManager manager) {
        try (TiledUpscaler upscaler = new TiledUpscaler(network, scale, tiling)) {
            return maxDifference(upscaler.upscale(image), wholeImage(network, image, manager));
        }
    }

    @ParameterizedTest(name = "x{0}")
    @ValueSource(ints = {2, 3, 4})
    void tilesOfSizesThatDoNotDivideTheImageLeaveNoSeams(int scale) {
        try (NDManager manager = NDManager.newBaseManager()) {
            A2n net = tinyA2n(manager, scale, 7);
            Raster image = texturedImage(75, 58, 8, 1);
            float difference = tiledDifference(net, scale, image, new Tiling(16, Tiling.DEFAULT_PAD), manager);
            System.out.printf("x%d, 75x58 in tiles of <= 16 px, pad %d: max |tiled - whole| = %.4f%n", scale,
                    Tiling.DEFAULT_PAD, difference);
            assertTrue(difference < 0.5f, "tiled output differs from the whole image's by " + difference);
        }
    }

    @Test
    void withoutContextTheTileBordersShow() {
        try (NDManager manager = NDManager.newBaseManager()) {
            A2n net = tinyA2n(manager, 2, 7);
            Raster image = texturedImage(75, 58, 8, 1);
            float difference = tiledDifference(net, 2, image, new Tiling(16, 0), manager);
            assertTrue(difference > 2, "pad 0 should leave seams, max difference only " + difference);
        }
    }

    @Test
    void anImageTheStatisticsPassCoversInOneTileRunsWholeInOnePass() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ShapeRecorder recorder = new ShapeRecorder(tinyA2n(manager, 2, 5));
            try (TiledUpscaler upscaler = new TiledUpscaler(recorder, 2, new Tiling(16, 4))) {
                upscaler.upscale(texturedImage(64, 30, 8, 4));
            }
            assertEquals(List.of(new Shape(1, 3, 30, 64)), recorder.inputs);
        }
    }

    @Test
    void sixteenBitSamplesKeepTheirFractionsAndTheOutputIsClipped() {
        try (NDManager manager = NDManager.newBaseManager()) {
            A2n net = tinyA2n(manager, 2, 3);
            Raster image = texturedImage(30, 20, 16, 2);
            try (TiledUpscaler upscaler = new TiledUpscaler(net, 2, new Tiling(16, 4))) {
                Raster out = upscaler.upscale(image);
                assertEquals(16, out.bitDepth());
                assertEquals(60, out.width());
                assertEquals(40, out.height());
                boolean fractional = false;
                for (float v : out.data()) {
                    assertTrue(v >= 0 && v <= 255, "unclipped sample " + v);
                    fractional |= v != Math.rint(v);
                }
                assertTrue(fractional, "16-bit output was rounded to 8-bit levels");
            }
        }
    }

    /** Runs the wrapped network and records the input shapes it was given. */
    private static final class ShapeRecorder extends AbstractBlock {
        final List<Shape> inputs = new ArrayList<>();
        private final Block inner;

        ShapeRecorder(Block inner) {
            this.inner = addChildBlock("inner", inner);
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
            inputs.add(in.singletonOrThrow().getShape());
            return inner.forward(ps, in, training, params);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inner.getOutputShapes(inputShapes);
        }
    }

    @Test
    void theNetworkOnlyEverSeesTileSizedInputsAndEachTileLeavesNothingBehind() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ShapeRecorder recorder = new ShapeRecorder(tinyA2n(manager, 2, 5));
            Raster image = texturedImage(200, 90, 8, 4);
            try (TiledUpscaler upscaler = new TiledUpscaler(recorder, 2, new Tiling(40, 6))) {
                upscaler.upscale(image);
                upscaler.upscale(image);
            }
            // per image: the statistics pass on tiles of at most 160 (2 of 100 x 90), then 200 = 5 tiles of 40 and
            // 90 = 3 tiles of 30, run in windows of 52 x 42
            List<Shape> perImage = new ArrayList<>(List.of(new Shape(1, 3, 90, 100), new Shape(1, 3, 90, 100)));
            perImage.addAll(java.util.Collections.nCopies(15, new Shape(1, 3, 42, 52)));
            List<Shape> expected = new ArrayList<>(perImage);
            expected.addAll(perImage);
            assertEquals(expected, recorder.inputs);
        }
    }

    /**
     * The padding, justified on the released x2 weights and a real photo (Set5 baby, 256x256 LR, tiles of 32): A2N's
     * 3x3 chains reach 36 LR pixels in theory, but the learned weights decay fast. Measured max differences from the
     * whole-image pass: pad 4: 2.06, pad 8: 0.36, pad 12: 0.26 grey levels (with tile-local statistics instead of the
     * statistics pass, about 4 to 5 at any pad). The default padding must keep every output sample within 0.5 (so
     * that, rounded, at most one level differs).
     */
    @Test
    void theDefaultPaddingIsEnoughForTheReleasedWeights() throws IOException {
        Path weights = SharedData.require("weights/a2n-official/aan_x2.pt");
        Path photo = SharedData.require("data/sr/Set5/LR_bicubic/X2/babyx2.png");
        int[] size = new int[2];
        float[] rgb = A2nGoldenTest.readRgb(photo, size);
        Raster image = new Raster(size[1], size[0], 3, 8, rgb);
        try (NDManager manager = NDManager.newBaseManager()) {
            A2n net = A2n.builder().setConfig(A2nConfig.x2()).build();
            net.initialize(manager, DataType.FLOAT32, A2n.sampleInputShape());
            CheckpointImporter.load(net, CheckpointReader.read(weights), weights.toString());
            net.freezeParameters(true);
            Raster whole = wholeImage(net, image, manager);
            float tooLittle = tiledDifference(net, 2, image, new Tiling(32, 4), manager);
            float enough = tiledDifference(net, 2, image, new Tiling(32, Tiling.DEFAULT_PAD), manager);
            System.out.printf("released x2 weights, baby 256x256 in tiles of 32: max |tiled - whole| = %.3f with pad 4,"
                    + " %.3f with pad %d%n", tooLittle, enough, Tiling.DEFAULT_PAD);
            assertTrue(tooLittle > 0.5f, "pad 4 should be too little, but differs by only " + tooLittle);
            assertTrue(enough < 0.5f, "pad " + Tiling.DEFAULT_PAD + " differs by " + enough);
        }
    }
}
