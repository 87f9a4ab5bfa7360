package dev.attnvision.core.detect.postprocess;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.attnvision.core.detect.box.BoxIou;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Batched class-wise greedy non-maximum suppression, or class-agnostic on request.
 *
 * <p>Boxes scoring above {@code scoreThreshold} are visited by descending score (ties in input order); a box is
 * kept unless a kept box of the same class (of any class, when agnostic) overlaps it by IoU above
 * {@code iouThreshold}; at most
 * {@code maxDetections} are returned. Classes are separated by shifting each class's boxes by
 * {@code classId * span} (span = extent of all boxes + 1) so that boxes of different classes never overlap and
 * one suppression pass handles all classes. The greedy pass itself is matrix-only (Cluster-NMS, Zheng et al. 2020,
 * arXiv 2005.03572): with {@code S[i][j] = 1} when {@code i < j} and {@code IoU > threshold}, iterate
 * {@code keep_{t+1} = not (keep_t S > 0)} from all-ones; after at most K rounds (usually a handful) it is the
 * greedy result exactly. The score order is taken on the host with a stable sort, because PyTorch's argsort
 * does not promise a tie order.
 */
public final class Nms {
    private final float scoreThreshold;
    private final float iouThreshold;
    private final int maxDetections;
    private final boolean acrossClasses;

    /** Class-wise suppression: boxes of different classes never suppress each other. */
    public Nms(float scoreThreshold, float iouThreshold, int maxDetections) {
        this(scoreThreshold, iouThreshold, maxDetections, false);
    }

    /**
     * @param scoreThreshold boxes must score strictly above this
     * @param iouThreshold a box is suppressed by an overlap strictly above this, in [0, 1]
     * @param maxDetections the most boxes returned, at least 1
     * @param acrossClasses whether a box also suppresses overlapping boxes of other classes (one label per object)
     */
    public Nms(float scoreThreshold, float iouThreshold, int maxDetections, boolean acrossClasses) {
        if (!(iouThreshold >= 0 && iouThreshold <= 1) || maxDetections < 1 || Float.isNaN(scoreThreshold)) {
            throw new IllegalArgumentException("NMS needs an IoU threshold in [0, 1] and maxDetections >= 1, got "
                    + iouThreshold + " and " + maxDetections);
        }
        this.scoreThreshold = scoreThreshold;
        this.iouThreshold = iouThreshold;
        this.maxDetections = maxDetections;
        this.acrossClasses = acrossClasses;
    }

    /**
     * Rows to keep, best first.
     *
     * @param boxes (N, 4) boxes (x1, y1, x2, y2)
     * @param scores (N) scores
     * @param classIds (N) integer class of each box
     * @return (K) int64 row indices into the inputs, by descending score, K at most {@code maxDetections};
     *     attached to the manager of {@code boxes}
     */
    public NDArray apply(NDArray boxes, NDArray scores, NDArray classIds) {
        long n = boxes.getShape().get(0);
        if (boxes.getShape().dimension() != 2 || boxes.getShape().get(1) != 4 || !scores.getShape().equals(new Shape(n))
                || !classIds.getShape().equals(new Shape(n))) {
            throw new IllegalArgumentException("NMS needs boxes (N, 4), scores (N) and class ids (N), got "
                    + boxes.getShape() + ", " + scores.getShape() + " and " + classIds.getShape());
        }
        NDManager caller = boxes.getManager();
        try (NDManager scope = NDManager.subManagerOf(boxes)) {
            scope.tempAttachAll(boxes, scores, classIds);
            long[] order = candidatesByScore(scores.toType(DataType.FLOAT32, false).toFloatArray());
            if (order.length == 0) {
                return caller.zeros(new Shape(0), DataType.INT64);
            }
            NDArray rows = scope.create(order);
            NDArray sortedClasses = acrossClasses ? rows.zerosLike() : classIds.get(rows);
            NDArray kept = rows.get(new NDIndex("{}", keepMask(boxes.get(rows), sortedClasses)));
            NDArray result = kept.get(new NDIndex("0:{}", Math.min(maxDetections, kept.getShape().get(0))));
            result.attach(caller);
            return result;
        }
    }

    /** Rows scoring above the threshold, by descending score, ties by row. */
    private long[] candidatesByScore(float[] scores) {
        return IntStream.range(0, scores.length).filter(i -> scores[i] > scoreThreshold).boxed()
                .sorted(Comparator.comparingDouble(i -> -scores[i])).mapToLong(Integer::longValue).toArray();
    }

    /** (K) boolean: which of the score-sorted boxes survive greedy suppression within their class. */
    private NDArray keepMask(NDArray sortedBoxes, NDArray sortedClasses) {
        NDManager scope = sortedBoxes.getManager();
        long k = sortedBoxes.getShape().get(0);
        NDArray low = sortedBoxes.min();
        NDArray span = sortedBoxes.max().sub(low).add(1);
        NDArray offsets = sortedClasses.toType(DataType.FLOAT32, false).mul(span).expandDims(1);
        NDArray separated = sortedBoxes.toType(DataType.FLOAT32, false).sub(low).add(offsets);
        NDArray index = scope.arange(k);
        NDArray earlier = index.expandDims(1).lt(index.expandDims(0));
        NDArray suppresses = BoxIou.pairwise(separated, separated).gt(iouThreshold).logicalAnd(earlier)
                .toType(DataType.FLOAT32, false);
        NDArray keep = scope.ones(new Shape(1, k));
        for (long round = 0; round < k; round++) {
            NDArray next = keep.matMul(suppresses).eq(0f).toType(DataType.FLOAT32, false);
            if (Arrays.equals(next.toFloatArray(), keep.toFloatArray())) {
                break;
            }
            keep = next;
        }
        return keep.reshape(k).gt(0f);
    }
}
