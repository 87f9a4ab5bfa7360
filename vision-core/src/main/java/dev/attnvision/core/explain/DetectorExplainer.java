package dev.attnvision.core.explain;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.attnvision.attention.AttentionProbe;
import dev.attnvision.attention.AttentionRecorder;
import dev.attnvision.attention.HarSpatialAttention;
import dev.attnvision.attention.SqueezeExcitation;
import dev.attnvision.core.detect.DetectorConfig;
import dev.attnvision.core.detect.DetectorInput;
import dev.attnvision.core.detect.SingleStageDetector;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.image.RasterChannels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shows where the single-stage detector looks, from one forward pass: the head's HAR-Net spatial attention map of
 * every pyramid level stretched over the image ({@value #LEVELS}, one heatmap per level on a shared scale), and the
 * squeeze-excitation channel weights of chosen backbone stages ({@code se-stageN}, one bar chart per stage, a series
 * per residual block). The image's RGB is fed on 0..1, the scaling the detector is trained with.
 */
public final class DetectorExplainer implements Explainer {
    /** The part of the pyramid levels' spatial attention. */
    public static final String LEVELS = "levels";

    private final SingleStageDetector network;
    private final DetectorConfig config;
    private final List<Integer> stages;

    /**
     * @param network a loaded detector; only read
     * @param stages backbone stages (1 to 4) whose squeeze-excitation weights are charted, may be empty
     * @throws IllegalArgumentException if a stage does not exist or has no squeeze-excitation, or there is nothing
     *     to show
     */
    public DetectorExplainer(SingleStageDetector network, List<Integer> stages) {
        parts(network.config(), stages);
        this.network = network;
        this.config = network.config();
        this.stages = List.copyOf(stages);
    }

    /** The part of the squeeze-excitation chart of backbone stage {@code stage}. */
    public static String stagePart(int stage) {
        return "se-stage" + stage;
    }

    /**
     * The parts explaining a detector of {@code config} makes, known before it is loaded.
     *
     * @throws IllegalArgumentException as the constructor
     */
    public static List<String> parts(DetectorConfig config, List<Integer> stages) {
        List<String> parts = new ArrayList<>();
        if (config.head().spatialAttention()) {
            parts.add(LEVELS);
        }
        for (int stage : stages) {
            if (stage < 1 || stage > config.backbone().stageBlocks().size()) {
                throw new IllegalArgumentException("the backbone has stages 1 to " + config.backbone().stageBlocks().size()
                        + ", not " + stage);
            }
            if (!config.backbone().squeezeExcitation()) {
                throw new IllegalArgumentException("this detector's backbone has no squeeze-excitation to chart;"
                        + " leave out --stages");
            }
            parts.add(stagePart(stage));
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("this detector's head has no HAR-Net spatial attention; choose backbone"
                    + " stages with --stages to chart their squeeze-excitation weights");
        }
        return List.copyOf(parts);
    }

    /**
     * What one forward pass recorded.
     *
     * @param levels the spatial attention map of each pyramid level, finest first
     * @param excitations per backbone stage (index 0 = stage 1), per residual block, the channel weights
     */
    public record Recording(List<AttentionMap> levels, List<List<float[]>> excitations) {}

    /** Runs the detector once on the image's RGB and records its spatial maps and channel weights. */
    public Recording record(Raster image, NDManager manager) {
        AttentionRecorder recorder = new AttentionRecorder((source, kind, map) ->
                source instanceof HarSpatialAttention || source instanceof SqueezeExcitation ? map : null);
        try (NDManager scope = manager.newSubManager()) {
            network.forward(new ParameterStore(scope, false), new NDList(DetectorInput.of(scope,
                    RasterChannels.rgb(image))), false, AttentionProbe.params(recorder));
        }
        List<AttentionMap> levels = new ArrayList<>();
        List<float[]> excitations = new ArrayList<>();
        for (AttentionRecorder.Recorded r : recorder.maps()) {
            if (r.kind().equals(HarSpatialAttention.PROBE_MAP)) {
                int stride = config.anchors().strides().get(levels.size());
                levels.add(AttentionMap.of("P" + (levels.size() + 3) + "  stride " + stride, r));
            } else if (r.kind().equals(SqueezeExcitation.PROBE_CHANNEL_WEIGHTS)) {
                excitations.add(r.values());
            }
        }
        int expected = config.backbone().squeezeExcitation()
                ? config.backbone().stageBlocks().stream().mapToInt(Integer::intValue).sum() : 0;
        int expectedLevels = config.head().spatialAttention() ? config.neck().levels() : 0;
        if (excitations.size() != expected || levels.size() != expectedLevels) {
            throw new IllegalStateException("the detector recorded " + excitations.size() + " squeeze-excitations and "
                    + levels.size() + " level maps, expected " + expected + " and " + expectedLevels);
        }
        List<List<float[]>> byStage = new ArrayList<>();
        int next = 0;
        for (int blocks : config.backbone().stageBlocks()) {
            byStage.add(expected == 0 ? List.of() : List.copyOf(excitations.subList(next, next + blocks)));
            next += blocks;
        }
        return new Recording(levels, byStage);
    }

    @Override
    public Explanation explain(Raster image, NDManager manager) {
        Recording recording = record(image, manager);
        List<Figure> figures = new ArrayList<>();
        Map<String, Object> fields = new LinkedHashMap<>();
        if (config.head().spatialAttention()) {
            figures.add(new HeatmapSheet(LEVELS, "Detector spatial attention per pyramid level (HAR-Net head)", image,
                    recording.levels(), ValueRange.spanning(recording.levels()), "attention", recording.levels().size(),
                    HeatmapSheet.STANDARD_OPACITY));
            List<Map<String, Object>> levels = new ArrayList<>();
            for (int l = 0; l < recording.levels().size(); l++) {
                AttentionMap level = recording.levels().get(l);
                levels.add(Map.of("level", "P" + (l + 3), "stride", config.anchors().strides().get(l),
                        "width", level.width(), "height", level.height(), "mean", level.mean()));
            }
            fields.put("levels", levels);
        }
        for (int stage : stages) {
            List<float[]> blocks = recording.excitations().get(stage - 1);
            int channels = blocks.get(0).length;
            List<String> categories = new ArrayList<>();
            for (int c = 0; c < channels; c++) {
                categories.add(Integer.toString(c));
            }
            List<BarChartFigure.Series> series = new ArrayList<>();
            for (int b = 0; b < blocks.size(); b++) {
                double[] weights = new double[channels];
                for (int c = 0; c < channels; c++) {
                    weights[c] = blocks.get(b)[c];
                }
                series.add(new BarChartFigure.Series("block " + b, weights));
            }
            figures.add(new BarChartFigure(stagePart(stage), "Squeeze-excitation channel weights, backbone stage "
                    + stage, "channel", "excitation", categories, series, false));
        }
        return new Explanation(figures, fields);
    }
}
