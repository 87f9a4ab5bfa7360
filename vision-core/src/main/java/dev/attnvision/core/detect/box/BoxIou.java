package dev.attnvision.core.detect.box;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Overlap of axis-aligned boxes given as {@code (x1, y1, x2, y2)} rows, on NDArrays.
 *
 * <p>Intersection over union {@code IoU(a, b) = |a ∩ b| / (|a| + |b| - |a ∩ b|)}; intersection over foreground
 * {@code IoF(a, b) = |a ∩ b| / |a|} (used for ignore regions, where the region may be much larger than the box).
 * Widths are {@code x2 - x1} (continuous coordinates, no "+1"); empty boxes have area 0 and overlap 0.
 */
public final class BoxIou {
    /** Smallest denominator, so that two empty boxes overlap 0 rather than NaN. */
    public static final float EPS = 1e-6f;

    private BoxIou() {}

    /** Box areas {@code (x2 - x1) * (y2 - y1)}, clamped at 0: (N, 4) to (N). */
    public static NDArray area(NDArray boxes) {
        NDManager caller = boxes.getManager();
        try (NDManager scope = NDManager.subManagerOf(boxes)) {
            scope.tempAttachAll(boxes);
            NDArray w = boxes.get(":, 2").sub(boxes.get(":, 0")).maximum(0f);
            NDArray h = boxes.get(":, 3").sub(boxes.get(":, 1")).maximum(0f);
            NDArray area = w.mul(h);
            area.attach(caller);
            return area;
        }
    }

    /** Pairwise IoU: (N, 4) and (M, 4) to (N, M). */
    public static NDArray pairwise(NDArray a, NDArray b) {
        return overlaps(a, b, false);
    }

    /** Row-wise IoU of aligned pairs: (N, 4) and (N, 4) to (N), {@code IoU(a_i, b_i)}. */
    public static NDArray aligned(NDArray a, NDArray b) {
        if (a.getShape().dimension() != 2 || a.getShape().get(1) != 4 || !a.getShape().equals(b.getShape())) {
            throw new IllegalArgumentException("aligned boxes must be two (N, 4) arrays of (x1, y1, x2, y2), got "
                    + a.getShape() + " and " + b.getShape());
        }
        NDManager caller = a.getManager();
        try (NDManager scope = NDManager.subManagerOf(a)) {
            scope.tempAttachAll(a, b);
            NDArray wh = a.get(":, 2:4").minimum(b.get(":, 2:4")).sub(a.get(":, 0:2").maximum(b.get(":, 0:2")))
                    .maximum(0f);
            NDArray inter = wh.get(":, 0").mul(wh.get(":, 1"));
            NDArray result = inter.div(area(a).add(area(b)).sub(inter).maximum(EPS));
            result.attach(caller);
            return result;
        }
    }

    /** Pairwise intersection over the area of the first argument's box: (N, 4) and (M, 4) to (N, M). */
    public static NDArray pairwiseForeground(NDArray a, NDArray b) {
        return overlaps(a, b, true);
    }

    private static NDArray overlaps(NDArray a, NDArray b, boolean overForeground) {
        if (a.getShape().dimension() != 2 || a.getShape().get(1) != 4
                || b.getShape().dimension() != 2 || b.getShape().get(1) != 4) {
            throw new IllegalArgumentException("boxes must be (N, 4) arrays of (x1, y1, x2, y2), got "
                    + a.getShape() + " and " + b.getShape());
        }
        NDManager caller = a.getManager();
        try (NDManager scope = NDManager.subManagerOf(a)) {
            scope.tempAttachAll(a, b);
            NDArray lt = a.get(":, 0:2").expandDims(1).maximum(b.get(":, 0:2").expandDims(0));
            NDArray rb = a.get(":, 2:4").expandDims(1).minimum(b.get(":, 2:4").expandDims(0));
            NDArray wh = rb.sub(lt).maximum(0f);
            NDArray inter = wh.get(":, :, 0").mul(wh.get(":, :, 1"));
            NDArray areaA = area(a).expandDims(1);
            NDArray denominator = overForeground
                    ? areaA.broadcast(inter.getShape())
                    : areaA.add(area(b).expandDims(0)).sub(inter);
            NDArray result = inter.div(denominator.maximum(EPS));
            result.attach(caller);
            return result;
        }
    }
}
