package dev.attnvision.core.detect.anchor;

import dev.attnvision.core.data.DatasetCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where and how large the anchors of each pyramid level are.
 *
 * <p>At a level with stride {@code s} and base size {@code b}, every feature-map cell {@code (i, j)} holds
 * {@code ratios.size() * scales.size()} anchors centred on {@code ((j + 0.5) s, (i + 0.5) s)}, with
 * {@code w = b * scale / sqrt(ratio)} and {@code h = b * scale * sqrt(ratio)} (ratio = height / width), ratio-major
 * then scale order.
 *
 * @param strides feature stride of each level in input pixels, strictly increasing, e.g. 8, 16, 32, 64, 128
 * @param baseSizes anchor side at scale 1 and ratio 1 for each level, one per stride
 * @param scales size multipliers shared by all levels (RetinaNet: 2^0, 2^(1/3), 2^(2/3))
 * @param ratios height/width aspect ratios shared by all levels (RetinaNet: 0.5, 1, 2)
 */
public record AnchorConfig(List<Integer> strides, List<Float> baseSizes, List<Float> scales, List<Float> ratios) {
    public AnchorConfig {
        strides = List.copyOf(strides);
        baseSizes = List.copyOf(baseSizes);
        scales = List.copyOf(scales);
        ratios = List.copyOf(ratios);
        if (strides.isEmpty()) {
            throw new IllegalArgumentException("at least one pyramid level (stride) is needed");
        }
        for (int i = 0; i < strides.size(); i++) {
            if (strides.get(i) < 1 || (i > 0 && strides.get(i) <= strides.get(i - 1))) {
                throw new IllegalArgumentException("strides must be positive and strictly increasing, got " + strides);
            }
        }
        if (baseSizes.size() != strides.size()) {
            throw new IllegalArgumentException("need one base size per stride: " + strides.size() + " strides "
                    + strides + " but " + baseSizes.size() + " base sizes " + baseSizes);
        }
        requirePositive("base sizes", baseSizes);
        requirePositive("scales", scales);
        requirePositive("ratios", ratios);
    }

    /** RetinaNet's base size in strides (its {@code octave_base_scale}): P3 anchors start at 32 px. */
    public static final float RETINANET_BASE = 4f;

    /**
     * RetinaNet's anchors (Lin et al. 2017, arXiv 1708.02002, section 4): base size 4 x stride, three scales per
     * octave {@code 2^(k/3)}, ratios 1:2, 1:1, 2:1.
     */
    public static AnchorConfig retinaNet(List<Integer> strides) {
        return retinaNet(strides, RETINANET_BASE);
    }

    /**
     * RetinaNet's scales and ratios with base size {@code base} x stride. A smaller base suits small objects: at 4,
     * a 12 px box overlaps its best anchor (32 px) by IoU 0.14 and is matched only as a low-quality match; at 2 the
     * smallest anchor is 16 px (IoU 0.56).
     */
    public static AnchorConfig retinaNet(List<Integer> strides, float base) {
        checkBase(base);
        List<Float> sizes = strides.stream().map(s -> base * s).toList();
        return new AnchorConfig(strides, sizes,
                List.of(1f, (float) Math.pow(2, 1.0 / 3), (float) Math.pow(2, 2.0 / 3)), List.of(0.5f, 1f, 2f));
    }

    /** RetinaNet's anchors on P3-P7 (strides 8 to 128). */
    public static AnchorConfig retinaNet() {
        return retinaNet(List.of(8, 16, 32, 64, 128));
    }

    /** Throws unless {@code base} can be an anchor base: a positive, finite number of strides. */
    public static float checkBase(float base) {
        if (!(base > 0) || Float.isInfinite(base)) {
            throw new IllegalArgumentException("the anchor base must be a positive number of strides, got " + base);
        }
        return base;
    }

    /** Anchors per feature-map cell. */
    public int anchorsPerCell() {
        return scales.size() * ratios.size();
    }

    /**
     * How well box shapes fit these anchors, for {@code DatasetCheck}: the best IoU of a {@code w x h} box with an
     * anchor of the same centre, {@code min(w, aw) min(h, ah) / (w h + aw ah - min(w, aw) min(h, ah))}, an upper
     * bound of what any anchor placed on the stride grid reaches; {@code threshold} is the assigner's positive IoU.
     */
    public DatasetCheck.AnchorFit fit(double threshold) {
        List<double[]> shapes = new ArrayList<>();
        for (float base : baseSizes) {
            for (float ratio : ratios) {
                for (float scale : scales) {
                    shapes.add(new double[] {base * scale / Math.sqrt(ratio), base * scale * Math.sqrt(ratio)});
                }
            }
        }
        double smallest = baseSizes.get(0) * scales.get(0);
        double largest = baseSizes.get(baseSizes.size() - 1) * scales.get(scales.size() - 1);
        String description = String.format(Locale.ROOT, "%.0f-%.0f px on %d levels, %d per cell", smallest, largest,
                levels(), anchorsPerCell());
        return new DatasetCheck.AnchorFit() {
            @Override
            public double bestIou(double w, double h) {
                double best = 0;
                for (double[] a : shapes) {
                    double inter = Math.min(w, a[0]) * Math.min(h, a[1]);
                    best = Math.max(best, inter / (w * h + a[0] * a[1] - inter));
                }
                return best;
            }

            @Override
            public double threshold() {
                return threshold;
            }

            @Override
            public String description() {
                return description;
            }
        };
    }

    /** Number of pyramid levels. */
    public int levels() {
        return strides.size();
    }

    private static void requirePositive(String what, List<Float> values) {
        if (values.isEmpty() || values.stream().anyMatch(v -> !(v > 0) || v.isInfinite())) {
            throw new IllegalArgumentException(what + " must be a non-empty list of positive numbers, got " + values);
        }
    }
}
