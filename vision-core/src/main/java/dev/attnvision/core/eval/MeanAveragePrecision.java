package dev.attnvision.core.eval;

import dev.attnvision.core.data.BoxLabel;
import dev.attnvision.core.data.ImageAnnotation;
import dev.attnvision.core.detect.Detection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * COCO bounding-box evaluation, computing what pycocotools' {@code COCOeval} computes with {@code iouType="bbox"}
 * (Lin et al. 2014, "Microsoft COCO", arXiv 1405.0312; the evaluation code of cocodataset/cocoapi).
 *
 * <p>Per image, class and area range: detections sorted by score (stable) and cut to 100; ground truth that is
 * crowd or outside the area range is "ignored" and sorted last. For each IoU threshold {@code t} in
 * {@code 0.50:0.05:0.95}, each detection in score order takes the unmatched non-ignored box with the highest IoU
 * {@code >= t} (the later box on equal IoU), falling back to an ignored box only if no regular one qualifies;
 * crowd boxes may be matched many times and use {@code IoU = |d ∩ g| / |d|}. A detection matched to an ignored box,
 * or unmatched and outside the area range, is ignored. Per class, area range and detection limit (1, 10, 100 per
 * image and class), all images' detections are merged by score; {@code recall = TP / #non-ignored GT},
 * {@code precision = TP / (TP + FP)}; precision is made non-increasing from the right (the envelope) and read
 * at the 101 recall points {@code 0:0.01:1} (the first detection reaching each recall; 0 beyond the last recall).
 * AP is the mean over recall points and thresholds.
 *
 * <p>Classes with no ground truth (in an area range) are excluded from that mean, even if they have false
 * positives: they get {@code -1} internally, and a summary is the mean of the entries {@code > -1}, or {@code -1}
 * if there are none. Images without ground truth still count: their detections are false positives of their
 * class. Areas are box areas {@code (x2 - x1)(y2 - y1)} (pycocotools takes a ground-truth annotation's stored
 * area, which for COCO is the mask area; box-only datasets store the box area). Small means area {@code <= 32^2},
 * medium {@code 32^2..96^2}, large {@code >= 96^2}; the bounds are inclusive on both sides, as in pycocotools.
 */
public final class MeanAveragePrecision {
    private static final double[] IOU_THRESHOLDS = linspace(0.5, 0.95, 10);
    private static final double[] RECALL_POINTS = linspace(0.0, 1.0, 101);
    private static final int[] MAX_DETECTIONS = {1, 10, 100};
    private static final double[][] AREA_RANGES = {{0, 1e10}, {0, 32 * 32}, {32 * 32, 96 * 96}, {96 * 96, 1e10}};
    private static final int ALL = 0;
    private static final int SMALL = 1;
    private static final int MEDIUM = 2;
    private static final int LARGE = 3;
    private static final int LAST_MAX_DETECTIONS = 2;
    /** numpy's {@code np.spacing(1)}, added to precision's denominator. */
    private static final double SPACING_ONE = Math.ulp(1.0);

    private final List<String> classNames;

    /** @param classNames the dataset's classes; detections' and boxes' class ids index this list */
    public MeanAveragePrecision(List<String> classNames) {
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("evaluation needs at least one class name");
        }
        this.classNames = List.copyOf(classNames);
    }

    /** Evaluates detections against annotated images (one detection list per image, in the same order). */
    public CocoMetrics evaluate(List<ImageAnnotation> images, List<List<Detection>> detections) {
        return evaluateBoxes(images.stream().map(ImageAnnotation::boxes).toList(), detections);
    }

    /** Evaluates detections against ground-truth boxes (one list of each per image, in the same order). */
    public CocoMetrics evaluateBoxes(List<List<BoxLabel>> groundTruth, List<List<Detection>> detections) {
        if (groundTruth.size() != detections.size()) {
            throw new IllegalArgumentException("need one detection list per image: " + groundTruth.size()
                    + " images with ground truth, " + detections.size() + " detection lists");
        }
        int classes = classNames.size();
        int t = IOU_THRESHOLDS.length;
        // precision[class][area][maxDet][threshold][recall point], recall[class][area][maxDet][threshold]
        double[][][][][] precision = new double[classes][AREA_RANGES.length][MAX_DETECTIONS.length][t][];
        double[][][][] recall = new double[classes][AREA_RANGES.length][MAX_DETECTIONS.length][];
        for (int k = 0; k < classes; k++) {
            List<List<BoxLabel>> gtOfClass = new ArrayList<>();
            List<List<Detection>> dtOfClass = new ArrayList<>();
            for (int i = 0; i < groundTruth.size(); i++) {
                gtOfClass.add(ofClass(groundTruth.get(i), k, BoxLabel::classId));
                dtOfClass.add(ofClass(detections.get(i), k, Detection::classId));
            }
            for (int a = 0; a < AREA_RANGES.length; a++) {
                List<ImageMatches> matches = new ArrayList<>();
                for (int i = 0; i < gtOfClass.size(); i++) {
                    if (!gtOfClass.get(i).isEmpty() || !dtOfClass.get(i).isEmpty()) {
                        matches.add(match(gtOfClass.get(i), dtOfClass.get(i), AREA_RANGES[a]));
                    }
                }
                for (int m = 0; m < MAX_DETECTIONS.length; m++) {
                    accumulate(matches, MAX_DETECTIONS[m], precision[k][a][m], recall[k][a], m);
                }
            }
        }
        Map<String, Double> perClassAp = new LinkedHashMap<>();
        Map<String, Double> perClassAp50 = new LinkedHashMap<>();
        for (int k = 0; k < classes; k++) {
            perClassAp.put(classNames.get(k), orNaN(meanPrecision(precision, k, ALL, -1)));
            perClassAp50.put(classNames.get(k), orNaN(meanPrecision(precision, k, ALL, 0)));
        }
        int last = LAST_MAX_DETECTIONS;
        return new CocoMetrics(
                meanPrecision(precision, -1, ALL, -1), meanPrecision(precision, -1, ALL, 0),
                meanPrecision(precision, -1, ALL, 5), meanPrecision(precision, -1, SMALL, -1),
                meanPrecision(precision, -1, MEDIUM, -1), meanPrecision(precision, -1, LARGE, -1),
                meanRecall(recall, ALL, 0), meanRecall(recall, ALL, 1), meanRecall(recall, ALL, last),
                meanRecall(recall, SMALL, last), meanRecall(recall, MEDIUM, last), meanRecall(recall, LARGE, last),
                perClassAp, perClassAp50);
    }

    /**
     * The matching of one image and class in one area range, detections by descending score (at most 100).
     *
     * @param scores detection scores
     * @param matched [threshold][detection]: matched to some ground truth
     * @param ignored [threshold][detection]: left out of TP and FP
     * @param nonIgnoredGt ground-truth boxes that count towards recall
     */
    private record ImageMatches(double[] scores, boolean[][] matched, boolean[][] ignored, int nonIgnoredGt) {}

    private static ImageMatches match(List<BoxLabel> gtList, List<Detection> dtList, double[] areaRange) {
        List<BoxLabel> gts = gtList.stream().sorted(Comparator.comparing(g -> isIgnored(g, areaRange))).toList();
        List<Detection> dts = dtList.stream().sorted(Comparator.comparingDouble(d -> -d.score()))
                .limit(MAX_DETECTIONS[LAST_MAX_DETECTIONS]).toList();
        int gCount = gts.size();
        int dCount = dts.size();
        boolean[] gtIgnored = new boolean[gCount];
        int nonIgnored = 0;
        for (int g = 0; g < gCount; g++) {
            gtIgnored[g] = isIgnored(gts.get(g), areaRange);
            nonIgnored += gtIgnored[g] ? 0 : 1;
        }
        double[][] iou = new double[dCount][gCount];
        for (int d = 0; d < dCount; d++) {
            for (int g = 0; g < gCount; g++) {
                iou[d][g] = iou(dts.get(d), gts.get(g));
            }
        }
        int t = IOU_THRESHOLDS.length;
        boolean[][] dtMatched = new boolean[t][dCount];
        boolean[][] dtIgnored = new boolean[t][dCount];
        for (int ti = 0; ti < t; ti++) {
            boolean[] gtTaken = new boolean[gCount];
            for (int d = 0; d < dCount; d++) {
                double best = Math.min(IOU_THRESHOLDS[ti], 1 - 1e-10);
                int m = -1;
                for (int g = 0; g < gCount; g++) {
                    if (gtTaken[g] && !gts.get(g).crowd()) {
                        continue;
                    }
                    if (m > -1 && !gtIgnored[m] && gtIgnored[g]) {
                        break;
                    }
                    if (iou[d][g] < best) {
                        continue;
                    }
                    best = iou[d][g];
                    m = g;
                }
                if (m == -1) {
                    continue;
                }
                dtIgnored[ti][d] = gtIgnored[m];
                dtMatched[ti][d] = true;
                gtTaken[m] = true;
            }
            for (int d = 0; d < dCount; d++) {
                Detection det = dts.get(d);
                if (!dtMatched[ti][d] && outside((double) det.width() * det.height(), areaRange)) {
                    dtIgnored[ti][d] = true;
                }
            }
        }
        double[] scores = dts.stream().mapToDouble(Detection::score).toArray();
        return new ImageMatches(scores, dtMatched, dtIgnored, nonIgnored);
    }

    /** Fills precision[threshold][recall point] and recall[maxDetIndex][threshold]; leaves -1 without ground truth. */
    private static void accumulate(List<ImageMatches> images, int maxDet, double[][] precision, double[][] recall,
            int maxDetIndex) {
        int t = IOU_THRESHOLDS.length;
        recall[maxDetIndex] = new double[t];
        Arrays.fill(recall[maxDetIndex], -1);
        for (int ti = 0; ti < t; ti++) {
            precision[ti] = new double[RECALL_POINTS.length];
            Arrays.fill(precision[ti], -1);
        }
        int nonIgnoredGt = images.stream().mapToInt(ImageMatches::nonIgnoredGt).sum();
        if (nonIgnoredGt == 0) {
            return;
        }
        // merge the images' first maxDet detections, then a stable sort by descending score
        List<int[]> refs = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            for (int d = 0; d < Math.min(maxDet, images.get(i).scores().length); d++) {
                refs.add(new int[] {i, d});
            }
        }
        refs.sort(Comparator.comparingDouble(r -> -images.get(r[0]).scores()[r[1]]));
        int nd = refs.size();
        for (int ti = 0; ti < t; ti++) {
            double[] rc = new double[nd];
            double[] pr = new double[nd];
            double tp = 0;
            double fp = 0;
            for (int j = 0; j < nd; j++) {
                ImageMatches image = images.get(refs.get(j)[0]);
                int d = refs.get(j)[1];
                if (!image.ignored()[ti][d]) {
                    if (image.matched()[ti][d]) {
                        tp++;
                    } else {
                        fp++;
                    }
                }
                rc[j] = tp / nonIgnoredGt;
                pr[j] = tp / (fp + tp + SPACING_ONE);
            }
            recall[maxDetIndex][ti] = nd > 0 ? rc[nd - 1] : 0;
            for (int j = nd - 1; j > 0; j--) {
                if (pr[j] > pr[j - 1]) {
                    pr[j - 1] = pr[j];
                }
            }
            double[] q = precision[ti];
            Arrays.fill(q, 0);
            for (int r = 0; r < RECALL_POINTS.length; r++) {
                int first = searchLeft(rc, RECALL_POINTS[r]);
                if (first >= nd) {
                    break;
                }
                q[r] = pr[first];
            }
        }
    }

    /** Mean of precision entries above -1 over classes ({@code -1}: all), thresholds ({@code -1}: all), recall points. */
    private static double meanPrecision(double[][][][][] precision, int classIndex, int area, int threshold) {
        double sum = 0;
        long count = 0;
        for (int k = 0; k < precision.length; k++) {
            if (classIndex >= 0 && k != classIndex) {
                continue;
            }
            double[][] byThreshold = precision[k][area][LAST_MAX_DETECTIONS];
            for (int ti = 0; ti < byThreshold.length; ti++) {
                if (threshold >= 0 && ti != threshold) {
                    continue;
                }
                for (double v : byThreshold[ti]) {
                    if (v > -1) {
                        sum += v;
                        count++;
                    }
                }
            }
        }
        return count == 0 ? -1 : sum / count;
    }

    /** Mean of recall entries above -1 over classes and thresholds. */
    private static double meanRecall(double[][][][] recall, int area, int maxDetIndex) {
        double sum = 0;
        long count = 0;
        for (double[][][] byArea : recall) {
            for (double v : byArea[area][maxDetIndex]) {
                if (v > -1) {
                    sum += v;
                    count++;
                }
            }
        }
        return count == 0 ? -1 : sum / count;
    }

    private static boolean isIgnored(BoxLabel box, double[] areaRange) {
        return box.crowd() || outside((double) box.width() * box.height(), areaRange);
    }

    private static boolean outside(double area, double[] range) {
        return area < range[0] || area > range[1];
    }

    /** pycocotools' box IoU; for a crowd box the union is the detection's area. */
    private static double iou(Detection d, BoxLabel g) {
        double w = Math.min(d.x2(), g.x2()) - Math.max(d.x1(), g.x1());
        double h = Math.min(d.y2(), g.y2()) - Math.max(d.y1(), g.y1());
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double inter = w * h;
        double dArea = (double) d.width() * d.height();
        double union = g.crowd() ? dArea : dArea + (double) g.width() * g.height() - inter;
        return inter / union;
    }

    /** numpy's {@code searchsorted(sorted, value, side="left")}: the first index with {@code sorted[i] >= value}. */
    private static int searchLeft(double[] sorted, double value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** numpy's {@code linspace(start, stop, num)}: {@code start + i * step}, the last point exactly {@code stop}. */
    private static double[] linspace(double start, double stop, int num) {
        double step = (stop - start) / (num - 1);
        double[] out = new double[num];
        for (int i = 0; i < num; i++) {
            out[i] = i * step + start;
        }
        out[num - 1] = stop;
        return out;
    }

    private static <T> List<T> ofClass(List<T> items, int classId, ToIntFunction<T> classOf) {
        return items.stream().filter(x -> classOf.applyAsInt(x) == classId).toList();
    }

    private static double orNaN(double value) {
        return value == -1 ? Double.NaN : value;
    }
}
