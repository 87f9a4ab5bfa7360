package dev.attnvision.core.sr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.attnvision.attention.AttentionInAttentionBlock;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.image.RasterTensors;
import dev.attnvision.core.model.ModelRegistry;
import dev.attnvision.core.model.StoredModel;
import java.io.IOException;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A2N in bfloat16 ({@link Bfloat16Stages}) against the float32 network. bfloat16 keeps 8 significant bits, so
 * results are held to bounds, not equality: each stage to its float32 twin relative to the stage's range, and
 * trained models to a few grey levels (the released weights' Set5 PSNR: {@code SrEvaluationTest}).
 */
class Bfloat16StagesTest {
    static StoredModel bundled(String name) throws IOException {
        return StoredModel.onClasspath(Bfloat16StagesTest.class.getClassLoader(),
                ModelRegistry.BUNDLED_ROOT + "/" + name);
    }

    static double meanDifference(Raster a, Raster b) {
        double sum = 0;
        for (int i = 0; i < a.samples().length(); i++) {
            sum += Math.abs(a.samples().get(i) - b.samples().get(i));
        }
        return sum / a.samples().length();
    }

    /** max |a - b| over max |b|: a wiring mistake (a wrong weight, a missing skip) shows as tens of percent. */
    static float relativeError(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat() / b.abs().max().getFloat();
    }

    /**
     * Every stage the tiled sweep calls, on a random network: head, a block's pooled sum, a block with an image-wide
     * descriptor and with its own pooling, the features with the long skip, and the upsampler of each scale (x4 has
     * two stages).
     */
    @ParameterizedTest(name = "x{0}")
    @ValueSource(ints = {2, 3, 4})
    void eachStageMatchesItsFloat32Twin(int scale) {
        try (NDManager manager = NDManager.newBaseManager()) {
            A2n net = TiledUpscalerTest.tinyA2n(manager, scale, 11);
            NDArray image = RasterTensors.toNchw(manager, TiledUpscalerTest.texturedImage(23, 19, 8, 2));
            try (A2nStages f32 = Precision.FLOAT32.stages(net, new ParameterStore(manager, false));
                    A2nStages bf16 = Precision.BFLOAT16.stages(net, null)) {
                NDArray head = f32.head(image);
                check("head", bf16.head(image), head);
                NDArray sum = f32.pooledSum(1, head);
                check("pooled sum", bf16.pooledSum(1, head), sum);
                float[] pooled = sum.div(23 * 19).toFloatArray();
                check("block with a descriptor", bf16.block(1, head, pooled), f32.block(1, head, pooled));
                check("whole-image block", bf16.block(1, head, pooled), forward(net.trunkBlocks().get(1), head,
                        manager));
                NDArray features = f32.features(head, image);
                check("features", bf16.features(head, image), features);
                check("upsampler", bf16.upsample(features, image), f32.upsample(features, image));
                check("whole network", bf16.whole(image), f32.whole(image));
            }
        }
    }

    private static NDArray forward(AttentionInAttentionBlock block, NDArray x, NDManager manager) {
        return block.forward(new ParameterStore(manager, false), new ai.djl.ndarray.NDList(x), false)
                .singletonOrThrow();
    }

    private static void check(String stage, NDArray bf16, NDArray f32) {
        assertEquals(f32.getShape(), bf16.getShape(), stage);
        float error = relativeError(bf16, f32);
        System.out.printf("%s: max |bf16 - f32| / max |f32| = %.5f%n", stage, error);
        assertTrue(error < 0.03f, stage + " is " + error + " of its range away from float32");
    }

    /**
     * The bundled models in bfloat16, whole and in tiles of 16: within a fraction of a grey level on average and a
     * few at most (measured: mean 0.14-0.18, max 1.5-3.0 whole; tiles against whole mean 0.03-0.07, max 0.4-1.5).
     */
    @ParameterizedTest(name = "a2n-x{0}")
    @ValueSource(ints = {2, 3, 4})
    void aTrainedModelStaysWithinAFewGreyLevelsOfFloat32WholeAndTiled(int scale) throws IOException {
        Raster image = TiledUpscalerTest.texturedImage(75, 58, 8, 1);
        try (NDManager manager = NDManager.newBaseManager()) {
            A2n net = bundled("a2n-x" + scale).loadA2n(manager);
            Raster reference = TiledUpscalerTest.wholeImage(net, image, manager);
            Function<Tiling, Raster> run = tiling -> {
                try (TiledUpscaler upscaler = new TiledUpscaler(net, tiling.withPrecision(Precision.BFLOAT16))) {
                    return TiledUpscalerTest.floatResult(upscaler, image);
                }
            };
            Raster whole = run.apply(new Tiling(Tiling.WHOLE_IMAGE));
            Raster tiled = run.apply(new Tiling(16));
            double mean = meanDifference(whole, reference);
            float max = TiledUpscalerTest.maxDifference(whole, reference);
            double tiledMean = meanDifference(tiled, whole);
            float tiledMax = TiledUpscalerTest.maxDifference(tiled, whole);
            System.out.printf("a2n-x%d bf16 whole vs f32: mean %.4f max %.4f; tiles vs whole, bf16: mean %.4f max %.4f%n",
                    scale, mean, max, tiledMean, tiledMax);
            assertTrue(mean < 0.4 && max < 8, "bf16 is " + mean + " (max " + max + ") grey levels from f32");
            assertTrue(tiledMean < 0.2 && tiledMax < 5, "bf16 tiles are " + tiledMean + " (max " + tiledMax
                    + ") grey levels from the bf16 whole image");
        }
    }
}
