package dev.attnvision.core.detect.anchor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.attnvision.attention.Constants;
import java.util.Arrays;

/**
 * Box regression targets as centre offsets and log size ratios relative to an anchor (R-CNN parametrisation,
 * Girshick et al. 2014, arXiv 1311.2524, used by RetinaNet).
 *
 * <p>For an anchor with centre {@code (px, py)} and size {@code (pw, ph)} and a box {@code (gx, gy, gw, gh)}:
 * {@code d = ((gx - px) / pw, (gy - py) / ph, ln(gw / pw), ln(gh / ph))}, stored normalised as
 * {@code (d - means) / stds}. Decoding inverts this; {@code dw} and {@code dh} are first clamped to
 * {@code [-maxRatio, maxRatio]} so an untrained head cannot overflow {@code exp}. Boxes are {@code (x1, y1, x2, y2)}
 * rows of (N, 4) arrays; widths are {@code x2 - x1}.
 */
public final class DeltaXywhCoder {
    /** mmdetection's default clamp {@code |ln(16 / 1000)|}: a box at most 62.5 times larger or smaller than its anchor. */
    public static final float DEFAULT_MAX_RATIO = (float) Math.abs(Math.log(16.0 / 1000.0));

    private final float[] means;
    private final float[] stds;
    private final float maxRatio;

    /**
     * @param means the 4 target means subtracted after encoding
     * @param stds the 4 target standard deviations divided after encoding, positive
     * @param maxRatio clamp of the decoded log size ratios, positive
     */
    public DeltaXywhCoder(float[] means, float[] stds, float maxRatio) {
        if (means.length != 4 || stds.length != 4) {
            throw new IllegalArgumentException("means and stds need 4 values (dx, dy, dw, dh), got "
                    + Arrays.toString(means) + " and " + Arrays.toString(stds));
        }
        for (float s : stds) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("stds must be positive, got " + Arrays.toString(stds));
            }
        }
        if (!(maxRatio > 0)) {
            throw new IllegalArgumentException("maxRatio must be positive, got " + maxRatio);
        }
        this.means = means.clone();
        this.stds = stds.clone();
        this.maxRatio = maxRatio;
    }

    /** RetinaNet's coder: means 0, stds 1, default clamp. */
    public static DeltaXywhCoder retinaNet() {
        return new DeltaXywhCoder(new float[4], new float[] {1, 1, 1, 1}, DEFAULT_MAX_RATIO);
    }

    /** Regression targets (N, 4) of boxes (N, 4) against their anchors (N, 4); boxes must have positive size. */
    public NDArray encode(NDArray anchors, NDArray boxes) {
        requireSameRows(anchors, boxes);
        NDManager caller = anchors.getManager();
        try (NDManager scope = NDManager.subManagerOf(anchors)) {
            scope.tempAttachAll(anchors, boxes);
            NDList p = centreSize(anchors);
            NDList g = centreSize(boxes);
            NDArray deltas = NDArrays.stack(new NDList(
                    g.get(0).sub(p.get(0)).div(p.get(2)),
                    g.get(1).sub(p.get(1)).div(p.get(3)),
                    g.get(2).div(p.get(2)).log(),
                    g.get(3).div(p.get(3)).log()), 1);
            NDArray normalised = deltas.sub(scope.create(means)).div(scope.create(stds));
            normalised.attach(caller);
            return normalised;
        }
    }

    /** Boxes (N, 4) from anchors (N, 4) and normalised deltas (N, 4). */
    public NDArray decode(NDArray anchors, NDArray deltas) {
        requireSameRows(anchors, deltas);
        NDManager caller = deltas.getManager();
        try (NDManager scope = NDManager.subManagerOf(deltas)) {
            scope.tempAttachAll(anchors, deltas);
            NDArray d = deltas.mul(Constants.vector(scope, stds)).add(scope.create(means));
            NDList p = centreSize(anchors);
            NDArray cx = p.get(0).add(d.get(":, 0").mul(p.get(2)));
            NDArray cy = p.get(1).add(d.get(":, 1").mul(p.get(3)));
            NDArray half = Constants.scalar(d, 0.5);
            NDArray halfW = d.get(":, 2").clip(-maxRatio, maxRatio).exp().mul(p.get(2)).mul(half);
            NDArray halfH = d.get(":, 3").clip(-maxRatio, maxRatio).exp().mul(p.get(3)).mul(half);
            NDArray boxes = NDArrays.stack(new NDList(cx.sub(halfW), cy.sub(halfH), cx.add(halfW), cy.add(halfH)), 1);
            boxes.attach(caller);
            return boxes;
        }
    }

    /** Centre x, centre y, width, height of (N, 4) boxes, each (N). */
    private static NDList centreSize(NDArray boxes) {
        NDArray x1 = boxes.get(":, 0");
        NDArray y1 = boxes.get(":, 1");
        NDArray w = boxes.get(":, 2").sub(x1);
        NDArray h = boxes.get(":, 3").sub(y1);
        return new NDList(x1.add(w.mul(0.5f)), y1.add(h.mul(0.5f)), w, h);
    }

    private static void requireSameRows(NDArray a, NDArray b) {
        if (a.getShape().dimension() != 2 || a.getShape().get(1) != 4 || !a.getShape().equals(b.getShape())) {
            throw new IllegalArgumentException("anchors and boxes/deltas must both be (N, 4), got "
                    + a.getShape() + " and " + b.getShape());
        }
    }
}
