package dev.attnvision.core.explain;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.attnvision.attention.AttentionInAttentionBlock;
import dev.attnvision.attention.AttentionProbe;
import dev.attnvision.attention.AttentionRecorder;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.image.RasterChannels;
import dev.attnvision.core.image.RasterTensors;
import dev.attnvision.core.sr.A2n;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Shows how an A2N spends its capacity on one image, from one forward pass: each attention-in-attention block's
 * softmax weights of its attention and non-attention branches ({@value #BRANCHES}, a stacked bar chart) and each
 * block's attention mask over the image ({@value #MASKS}, a labelled grid; masks are at input resolution, reduced to
 * one plane by a {@link ChannelChoice}, and share one colour scale from the lowest to the highest mask value in the
 * image, so blocks compare within a sheet; the caption gives the scale's ends).
 */
public final class A2nExplainer implements Explainer {
    /** The part of the branch-weight chart. */
    public static final String BRANCHES = "branches";
    /** The part of the mask grid. */
    public static final String MASKS = "masks";
    /** Every explanation's parts, in order. */
    public static final List<String> PARTS = List.of(BRANCHES, MASKS);

    private static final int GRID_COLUMNS = 4;

    private final A2n network;
    private final ChannelChoice channel;

    /**
     * One block's recorded attention.
     *
     * @param attentionWeight the softmax weight of the attention branch
     * @param plainWeight the weight of the non-attention branch (the two sum to 1)
     * @param mask the block's mask reduced to one plane, at input resolution
     */
    public record BlockAttention(double attentionWeight, double plainWeight, AttentionMap mask) {}

    /**
     * @param network a loaded A2N; only read
     * @param channel how masks become planes; checked against the network's feature count
     */
    public A2nExplainer(A2n network, ChannelChoice channel) {
        this.network = network;
        this.channel = channel.requireWithin(network.config().features());
    }

    /**
     * Runs the network once on the image's RGB and records every block's branch weights and reduced mask.
     *
     * @return one entry per block, in trunk order
     */
    public List<BlockAttention> record(Raster image, NDManager manager) {
        AttentionRecorder recorder = new AttentionRecorder((source, kind, map) -> !(source instanceof AttentionInAttentionBlock)
                ? null : kind.equals(AttentionInAttentionBlock.PROBE_MASK) ? channel.reduce(map) : map);
        try (NDManager scope = manager.newSubManager()) {
            network.forward(new ParameterStore(scope, false), new NDList(RasterTensors.toNchw(scope,
                    RasterChannels.rgb(image))), false, AttentionProbe.params(recorder));
        }
        List<AttentionRecorder.Recorded> weights = new ArrayList<>();
        List<AttentionRecorder.Recorded> masks = new ArrayList<>();
        for (AttentionRecorder.Recorded r : recorder.maps()) {
            if (r.kind().equals(AttentionInAttentionBlock.PROBE_BRANCH_WEIGHTS)) {
                weights.add(r);
            } else if (r.kind().equals(AttentionInAttentionBlock.PROBE_MASK)) {
                masks.add(r);
            }
        }
        if (weights.size() != network.config().blocks() || masks.size() != weights.size()) {
            throw new IllegalStateException("expected " + network.config().blocks() + " blocks' weights and masks, got "
                    + weights.size() + " and " + masks.size());
        }
        List<BlockAttention> blocks = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            float[] w = weights.get(i).values();
            blocks.add(new BlockAttention(w[0], w[1],
                    AttentionMap.of(String.format(Locale.ROOT, "AAB %d  w=%.2f", i, w[0]), masks.get(i))));
        }
        return blocks;
    }

    @Override
    public Explanation explain(Raster image, NDManager manager) {
        List<BlockAttention> blocks = record(image, manager);
        int n = blocks.size();
        List<String> categories = new ArrayList<>();
        double[] attention = new double[n];
        double[] plain = new double[n];
        List<AttentionMap> masks = new ArrayList<>();
        List<Map<String, Object>> perBlock = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BlockAttention b = blocks.get(i);
            categories.add(Integer.toString(i));
            attention[i] = b.attentionWeight();
            plain[i] = b.plainWeight();
            masks.add(b.mask());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("block", i);
            entry.put("attention", b.attentionWeight());
            entry.put("non_attention", b.plainWeight());
            entry.put("mask_mean", b.mask().mean());
            perBlock.add(entry);
        }
        int features = network.config().features();
        Figure chart = new BarChartFigure(BRANCHES, "A2N branch weights per attention-in-attention block",
                "block", "softmax weight", categories,
                List.of(new BarChartFigure.Series("attention branch", attention),
                        new BarChartFigure.Series("non-attention branch", plain)), true);
        Figure grid = new HeatmapSheet(MASKS, "A2N attention masks (" + channel.describe(features)
                + "), w = attention branch weight", image, masks, ValueRange.spanning(masks), "mask value", GRID_COLUMNS,
                HeatmapSheet.STANDARD_OPACITY);
        return new Explanation(List.of(chart, grid), Map.of("blocks", perBlock, "channel", channel.toString()));
    }
}
