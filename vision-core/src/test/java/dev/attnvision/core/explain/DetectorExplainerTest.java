package dev.attnvision.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.attnvision.attention.BlockTestKit;
import dev.attnvision.attention.AttentionProbe;
import dev.attnvision.attention.AttentionRecorder;
import dev.attnvision.attention.HarSpatialAttention;
import dev.attnvision.attention.SqueezeExcitation;
import dev.attnvision.core.detect.DetectorConfig;
import dev.attnvision.core.detect.SingleStageDetector;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.image.RasterTensors;
import dev.attnvision.core.testing.TinyDetector;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectorExplainerTest {
    private static final int W = 40;
    private static final int H = 24;

    private static Raster scene() {
        float[] data = new float[W * H * 3];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean square = x > 8 && x < 20 && y > 6 && y < 18;
                for (int c = 0; c < 3; c++) {
                    data[(y * W + x) * 3 + c] = square ? 230 : 20 + 3 * x;
                }
            }
        }
        return new Raster(W, H, 3, 8, data);
    }

    @Test
    void levelMapsAndStageChartsAreTheRecordedOnes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SingleStageDetector net = TinyDetector.network(manager, 7);
            Raster image = scene();
            DetectorExplainer explainer = new DetectorExplainer(net, List.of(2, 4));
            List<String> parts = DetectorExplainer.parts(TinyDetector.CONFIG, List.of(2, 4));
            assertEquals(List.of("levels", "se-stage2", "se-stage4"), parts);
            Explanation explanation = explainer.explain(image, manager);
            assertEquals(parts, explanation.figures().stream().map(Figure::part).toList());

            AttentionRecorder whole = new AttentionRecorder();
            try (NDManager scope = manager.newSubManager()) {
                net.forward(new ParameterStore(scope, false), new NDList(RasterTensors.toNchw(scope, image).div(255f)),
                        false, AttentionProbe.params(whole));
            }
            List<AttentionRecorder.Recorded> levels = whole.maps().stream()
                    .filter(r -> r.kind().equals(HarSpatialAttention.PROBE_MAP)).toList();
            List<AttentionRecorder.Recorded> excitations = whole.maps().stream()
                    .filter(r -> r.source() instanceof SqueezeExcitation).toList();

            HeatmapSheet sheet = (HeatmapSheet) explanation.figures().get(0);
            assertEquals(5, sheet.maps().size());
            int[] strides = {8, 16, 32, 64, 128};
            for (int l = 0; l < 5; l++) {
                AttentionMap map = sheet.maps().get(l);
                assertEquals("P" + (l + 3) + "  stride " + strides[l], map.label());
                assertEquals((W + strides[l] - 1) / strides[l], map.width());
                BlockTestKit.assertEqualUpToRounding(levels.get(l).values(), map.values(), "P" + (l + 3) + " map");
            }
            @SuppressWarnings("unchecked")
            List<java.util.Map<String, Object>> fields = (List<java.util.Map<String, Object>>) explanation.fields().get("levels");
            assertEquals(java.util.Map.of("level", "P4", "stride", 16, "width", 3, "height", 2,
                    "mean", sheet.maps().get(1).mean()), fields.get(1));
            ValueRange spread = ValueRange.spanning(List.of(sheet.maps().get(0)));
            assertTrue(spread.high() > spread.low(), "the P3 map varies over the image: " + spread);

            BarChartFigure stage2 = (BarChartFigure) explanation.figures().get(1);
            assertEquals(List.of("block 0", "block 1"), stage2.series().stream().map(BarChartFigure.Series::name).toList());
            assertEquals(8, stage2.categories().size());
            for (int b = 0; b < 2; b++) {
                assertChartsTheRecorded(excitations.get(1 + b), stage2.series().get(b), "stage 2 block " + b);
            }
            BarChartFigure stage4 = (BarChartFigure) explanation.figures().get(2);
            assertEquals(16, stage4.categories().size());
            assertChartsTheRecorded(excitations.get(4), stage4.series().get(0), "stage 4 block 0");
            for (Figure figure : explanation.figures()) {
                assertEquals(3, figure.render().channels());
            }
        }
    }

    /** A chart's series is a recorded map's values, up to rounding (the explainer ran its own forward pass). */
    private static void assertChartsTheRecorded(AttentionRecorder.Recorded recorded, BarChartFigure.Series series,
            String what) {
        BlockTestKit.assertEqualUpToRounding(BlockTestKit.toDoubles(recorded.values()), series.values(),
                new Shape(recorded.values().length), what);
    }

    @Test
    void stagesMustExistAndHaveSqueezeExcitation() {
        DetectorConfig tiny = TinyDetector.CONFIG;
        assertEquals("the backbone has stages 1 to 4, not 5",
                assertThrows(IllegalArgumentException.class, () -> DetectorExplainer.parts(tiny, List.of(5))).getMessage());
        DetectorConfig baseline = new DetectorConfig(tiny.classNames(), tiny.backbone().withoutAttention(), tiny.neck(),
                new dev.attnvision.core.detect.head.HeadConfig(16, 1, 4, false, false, 0.01f), tiny.anchors());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DetectorExplainer.parts(baseline, List.of(1)))
                .getMessage().startsWith("this detector's backbone has no squeeze-excitation"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DetectorExplainer.parts(baseline, List.of()))
                .getMessage().startsWith("this detector's head has no HAR-Net spatial attention"));
    }
}
