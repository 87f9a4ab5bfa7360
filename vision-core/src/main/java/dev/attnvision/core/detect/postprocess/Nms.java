package dev.attnvision.core.detect.postprocess;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.attnvision.core.detect.box.BoxIou;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Class-wise greedy non-maximum suppression, or class-agnostic on request.
 *
 * <p>Boxes scoring above {@code scoreThreshold} are visited by descending score (ties in input order); a box is
 * kept unless a kept box of the same class (of any class, when agnostic) overlaps it by IoU above
 * {@code iouThreshold} ({@link BoxIou}'s definition); the visit stops at {@code maxDetections} kept boxes.
 *
 * <p>The greedy pass runs on the host over the candidates' coordinates, as torchvision's CPU {@code nms} does: it
 * compares each candidate with at most {@code maxDetections} kept boxes, so 1000 candidates cost at most 100,000
 * overlaps (well under a millisecond), where the matrix form (Cluster-NMS, Zheng et al. 2020, arXiv 2005.03572)
 * built a 1000 x 1000 IoU matrix and multiplied it a few times (15 ms per image at 512 px, 12% of the detector's
 * time). The caller's top-k (on the engine) bounds the candidates, so only K rows cross to the host.
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
        float[] hostScores = scores.toType(DataType.FLOAT32, false).toFloatArray();
        float[] xyxy = boxes.toType(DataType.FLOAT32, false).toFloatArray();
        long[] classes = classIds.toType(DataType.INT64, false).toLongArray();
        return boxes.getManager().create(Arrays.stream(keep(xyxy, hostScores, classes)).asLongStream().toArray());
    }

    /**
     * {@link #apply} on host arrays: the rows to keep, best first.
     *
     * @param xyxy N boxes (x1, y1, x2, y2), row-major
     * @param scores N scores
     * @param classIds N class ids
     */
    public int[] keep(float[] xyxy, float[] scores, long[] classIds) {
        if (xyxy.length != 4 * scores.length || classIds.length != scores.length) {
            throw new IllegalArgumentException("NMS needs 4 coordinates and a class per score, got " + xyxy.length
                    + " coordinates and " + classIds.length + " classes for " + scores.length + " scores");
        }
        int[] order = candidatesByScore(scores);
        int[] kept = new int[Math.min(order.length, maxDetections)];
        int count = 0;
        for (int i = 0; i < order.length && count < kept.length; i++) {
            int candidate = order[i];
            boolean suppressed = false;
            for (int k = 0; k < count && !suppressed; k++) {
                int winner = kept[k];
                suppressed = (acrossClasses || classIds[winner] == classIds[candidate])
                        && iou(xyxy, winner, candidate) > iouThreshold;
            }
            if (!suppressed) {
                kept[count++] = candidate;
            }
        }
        return Arrays.copyOf(kept, count);
    }

    /** Rows scoring above the threshold, by descending score, ties by row. */
    private int[] candidatesByScore(float[] scores) {
        return IntStream.range(0, scores.length).filter(i -> scores[i] > scoreThreshold).boxed()
                .sorted(Comparator.comparingDouble(i -> -scores[i])).mapToInt(Integer::intValue).toArray();
    }

    /** {@link BoxIou#pairwise}'s IoU of rows {@code a} and {@code b} of {@code (N, 4)} boxes laid out row-major. */
    static float iou(float[] xyxy, int a, int b) {
        float w = Math.max(0f, Math.min(xyxy[4 * a + 2], xyxy[4 * b + 2]) - Math.max(xyxy[4 * a], xyxy[4 * b]));
        float h = Math.max(0f, Math.min(xyxy[4 * a + 3], xyxy[4 * b + 3])
                - Math.max(xyxy[4 * a + 1], xyxy[4 * b + 1]));
        float intersection = w * h;
        float union = area(xyxy, a) + area(xyxy, b) - intersection;
        return intersection / Math.max(union, BoxIou.EPS);
    }

    private static float area(float[] xyxy, int row) {
        return Math.max(0f, xyxy[4 * row + 2] - xyxy[4 * row]) * Math.max(0f, xyxy[4 * row + 3] - xyxy[4 * row + 1]);
    }
}
