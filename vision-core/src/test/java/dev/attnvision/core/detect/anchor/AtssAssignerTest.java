package dev.attnvision.core.detect.anchor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AtssAssignerTest {
    private static final AnchorConfig ANCHORS = AnchorConfig.retinaNet(java.util.List.of(8, 16, 32));

    /**
     * Algorithm 1 of the paper, one box and one anchor at a time, for comparison; cells as near as the k-th nearest
     * are candidates too (the paper's top-k leaves such ties to the sort).
     */
    private static long[] reference(float[][] anchors, int[] perLevel, int perCell, int k, float[][] boxes) {
        long[] index = new long[anchors.length];
        Arrays.fill(index, Assignment.NEGATIVE);
        float[] best = new float[anchors.length];
        Arrays.fill(best, -1);
        for (int g = 0; g < boxes.length; g++) {
            float[] b = boxes[g];
            float cx = (b[0] + b[2]) / 2;
            float cy = (b[1] + b[3]) / 2;
            boolean[] candidate = new boolean[anchors.length];
            int start = 0;
            for (int count : perLevel) {
                int from = start;
                Integer[] order = IntStream.range(from, from + count).boxed().toArray(Integer[]::new);
                Arrays.sort(order, Comparator.comparingDouble(i -> distance(anchors[i], cx, cy)));
                float kth = distance(anchors[order[Math.min(k * perCell, count) - 1]], cx, cy);
                for (int i = from; i < from + count; i++) {
                    candidate[i] = distance(anchors[i], cx, cy) <= kth;
                }
                start += count;
            }
            double sum = 0;
            int n = 0;
            for (int i = 0; i < anchors.length; i++) {
                if (candidate[i]) {
                    sum += iou(anchors[i], b);
                    n++;
                }
            }
            double mean = sum / n;
            double squares = 0;
            for (int i = 0; i < anchors.length; i++) {
                if (candidate[i]) {
                    squares += Math.pow(iou(anchors[i], b) - mean, 2);
                }
            }
            double threshold = mean + Math.sqrt(squares / (n - 1));
            for (int i = 0; i < anchors.length; i++) {
                float[] a = anchors[i];
                double ax = (a[0] + a[2]) / 2;
                double ay = (a[1] + a[3]) / 2;
                float overlap = iou(a, b);
                boolean inside = ax > b[0] && ax < b[2] && ay > b[1] && ay < b[3];
                if (candidate[i] && overlap >= threshold && inside && overlap > best[i]) {
                    best[i] = overlap;
                    index[i] = g;
                }
            }
        }
        return index;
    }

    private static float distance(float[] a, float x, float y) {
        float dx = (a[0] + a[2]) / 2 - x;
        float dy = (a[1] + a[3]) / 2 - y;
        return dx * dx + dy * dy;
    }

    private static float iou(float[] a, float[] b) {
        float w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
        float h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
        float inter = Math.max(0, w) * Math.max(0, h);
        return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter);
    }

    @Test
    void matchesThePapersAlgorithmOnSmallLargeElongatedAndOverlappingBoxes() {
        float[][] boxes = {{10, 12, 22, 26}, {40, 8, 120, 110}, {60, 70, 126, 82}, {44, 12, 118, 104}};
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray anchors = new AnchorGenerator(ANCHORS).generate(manager, 128, 128);
            int[] perLevel = new AnchorGenerator(ANCHORS).anchorsPerLevel(128, 128);
            float[] flat = anchors.toFloatArray();
            float[][] rows = new float[flat.length / 4][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = Arrays.copyOfRange(flat, 4 * i, 4 * i + 4);
            }
            NDArray gt = manager.create(boxes);
            Assignment atss = AtssAssigner.of(ANCHORS, 128, 128).assign(anchors, gt, null);
            long[] expected = reference(rows, perLevel, ANCHORS.anchorsPerCell(), AtssAssigner.DEFAULT_TOP_K, boxes);
            assertArrayEquals(expected, atss.gtIndex().toLongArray());
            for (int g = 0; g < boxes.length; g++) {
                int box = g;
                assertTrue(Arrays.stream(expected).anyMatch(i -> i == box), "box " + g + " has positives");
            }
            // the small 12x14 box gets positives although no anchor reaches IoU 0.5 with it
            double bestSmall = Arrays.stream(rows).mapToDouble(a -> iou(a, boxes[0])).max().orElse(0);
            assertTrue(bestSmall < 0.5, "no anchor reaches IoU 0.5 with the small box: " + bestSmall);
        }
    }

    @Test
    void withoutBoxesEveryAnchorIsNegativeAndIgnoreRegionsAreIgnored() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray anchors = new AnchorGenerator(ANCHORS).generate(manager, 64, 64);
            NDArray none = manager.zeros(new ai.djl.ndarray.types.Shape(0, 4));
            NDArray crowd = manager.create(new float[][] {{0, 0, 64, 64}});
            AtssAssigner atss = AtssAssigner.of(ANCHORS, 64, 64);
            long[] free = atss.assign(anchors, none, null).gtIndex().toLongArray();
            assertTrue(Arrays.stream(free).allMatch(i -> i == Assignment.NEGATIVE));
            long[] ignored = atss.assign(anchors, none, crowd).gtIndex().toLongArray();
            assertTrue(Arrays.stream(ignored).anyMatch(i -> i == Assignment.IGNORED));
            assertEquals(free.length, ignored.length);
        }
    }
}
