package dev.attnvision.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.attnvision.attention.BlockTestKit;
import dev.attnvision.attention.AttentionInAttentionBlock;
import dev.attnvision.attention.AttentionProbe;
import dev.attnvision.attention.AttentionRecorder;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.image.RasterTensors;
import dev.attnvision.core.sr.A2n;
import dev.attnvision.core.testing.TinyA2n;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class A2nExplainerTest {
    private static final int W = 11;
    private static final int H = 7;

    private static Raster scene() {
        float[] data = new float[W * H * 3];
        for (int p = 0; p < W * H; p++) {
            data[p * 3] = (p * 37) % 256;
            data[p * 3 + 1] = (p * 11) % 256;
            data[p * 3 + 2] = 255 - (p * 5) % 256;
        }
        return new Raster(W, H, 3, 8, data);
    }

    /** Every recorded map of a plain forward pass, whole. */
    /** Every block's branch weights and mask, in that order (the pooled descriptors left out), recorded independently. */
    private static List<AttentionRecorder.Recorded> recordWhole(A2n net, Raster image, NDManager manager) {
        AttentionRecorder recorder = new AttentionRecorder(
                (source, kind, map) -> kind.equals(AttentionInAttentionBlock.PROBE_POOLED) ? null : map);
        try (NDManager scope = manager.newSubManager()) {
            net.forward(new ParameterStore(scope, false), new NDList(RasterTensors.toNchw(scope, image)), false,
                    AttentionProbe.params(recorder));
        }
        return recorder.maps();
    }

    @Test
    void theChartShowsTheRecordedBranchWeightsAndTheGridTheMeanMasks() {
        try (NDManager manager = NDManager.newBaseManager()) {
            A2n net = TinyA2n.network(manager, 3);
            Raster image = scene();
            Explanation explanation = new A2nExplainer(net, ChannelChoice.mean()).explain(image, manager);
            assertEquals(A2nExplainer.PARTS, explanation.figures().stream().map(Figure::part).toList());
            BarChartFigure chart = (BarChartFigure) explanation.figures().get(0);
            HeatmapSheet grid = (HeatmapSheet) explanation.figures().get(1);

            List<AttentionRecorder.Recorded> whole = recordWhole(net, image, manager);
            int blocks = TinyA2n.CONFIG.blocks();
            int channels = TinyA2n.CONFIG.features();
            assertEquals(List.of("0", "1", "2"), chart.categories());
            for (int b = 0; b < blocks; b++) {
                AttentionRecorder.Recorded weights = whole.get(2 * b);
                AttentionRecorder.Recorded mask = whole.get(2 * b + 1);
                assertEquals(AttentionInAttentionBlock.PROBE_BRANCH_WEIGHTS, weights.kind());
                BlockTestKit.assertEqualUpToRounding(new double[] {weights.values()[0], weights.values()[1]},
                        new double[] {chart.series().get(0).values()[b], chart.series().get(1).values()[b]},
                        new Shape(2), "charted attention and plain weight of block " + b);
                AttentionMap shown = grid.maps().get(b);
                assertEquals(W, shown.width());
                assertEquals(H, shown.height());
                assertTrue(shown.label().startsWith("AAB " + b + "  w="), shown.label());
                for (int p = 0; p < W * H; p++) {
                    double sum = 0;
                    for (int c = 0; c < channels; c++) {
                        sum += mask.values()[c * W * H + p];
                    }
                    assertEquals(sum / channels, shown.values()[p], 1e-6, "block " + b + " pixel " + p);
                }
            }
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> fields = (List<Map<String, Object>>) explanation.fields().get("blocks");
            BlockTestKit.assertEqualUpToRounding(new double[] {whole.get(2).values()[0]},
                    new double[] {(Double) fields.get(1).get("attention")}, new Shape(1), "block 1's reported weight");
            assertEquals("mean", explanation.fields().get("channel"));
        }
    }

    @Test
    void aChosenChannelIsShownAndAMissingOneIsRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            A2n net = TinyA2n.network(manager, 4);
            Raster image = scene();
            List<A2nExplainer.BlockAttention> blocks = new A2nExplainer(net, ChannelChoice.channel(5)).record(image, manager);
            float[] mask = recordWhole(net, image, manager).get(1).values();
            float[] plane = java.util.Arrays.copyOfRange(mask, 5 * W * H, 6 * W * H);
            BlockTestKit.assertEqualUpToRounding(plane, blocks.get(0).mask().values(), "channel 5 of block 0's mask");
            String why = assertThrows(IllegalArgumentException.class,
                    () -> new A2nExplainer(net, ChannelChoice.channel(8))).getMessage();
            assertEquals("channel 8 does not exist: the maps have 8 channels (0 to 7)", why);
        }
    }

    @Test
    void greyImagesAreExplainedAsRgbAndEveryFigureRenders() {
        try (NDManager manager = NDManager.newBaseManager()) {
            A2n net = TinyA2n.network(manager, 5);
            Raster grey = new Raster(W, H, 1, 8, new float[W * H]);
            for (Figure figure : new A2nExplainer(net, ChannelChoice.mean()).explain(grey, manager).figures()) {
                Raster picture = figure.render();
                assertEquals(3, picture.channels());
                assertTrue(picture.width() >= 320 && picture.height() >= 160, figure.part() + ": " + picture);
            }
        }
    }
}
