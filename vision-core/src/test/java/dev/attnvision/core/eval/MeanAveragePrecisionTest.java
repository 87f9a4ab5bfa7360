package dev.attnvision.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.attnvision.core.data.BoxLabel;
import dev.attnvision.core.detect.Detection;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeanAveragePrecisionTest {
    private static final double EPS = 1e-12;
    /** Recall 0.5 reaches the 51 recall points 0.00..0.50 of 101. */
    private static final double HALF_RECALL_AP = 51.0 / 101;

    private static final MeanAveragePrecision ONE_CLASS = new MeanAveragePrecision(List.of("a"));
    private static final MeanAveragePrecision TWO_CLASSES = new MeanAveragePrecision(List.of("a", "b"));

    private static BoxLabel gt(float x1, float y1, float x2, float y2, int classId) {
        return new BoxLabel(x1, y1, x2, y2, classId);
    }

    private static Detection det(float x1, float y1, float x2, float y2, float score, int classId) {
        return new Detection(x1, y1, x2, y2, score, classId);
    }

    @Test
    void onePerfectDetection() {
        CocoMetrics m = ONE_CLASS.evaluateBoxes(List.of(List.of(gt(0, 0, 50, 50, 0))),
                List.of(List.of(det(0, 0, 50, 50, 0.9f, 0))));
        assertEquals(1, m.ap(), EPS);
        assertEquals(1, m.ap50(), EPS);
        assertEquals(1, m.ap75(), EPS);
        assertEquals(-1, m.apSmall(), "no small ground truth: -1 as in pycocotools");
        assertEquals(1, m.apMedium(), EPS);
        assertEquals(-1, m.apLarge());
        assertEquals(1, m.ar1(), EPS);
        assertEquals(1, m.ar100(), EPS);
        assertEquals(-1, m.arSmall());
    }

    @Test
    void aMissHalvesRecallAndCutsThePrecisionCurveAtRecallHalf() {
        CocoMetrics m = ONE_CLASS.evaluateBoxes(List.of(List.of(gt(0, 0, 50, 50, 0), gt(100, 100, 150, 150, 0))),
                List.of(List.of(det(0, 0, 50, 50, 0.9f, 0))));
        assertEquals(HALF_RECALL_AP, m.ap(), EPS);
        assertEquals(0.5, m.ar100(), EPS);
    }

    @Test
    void aLowerScoredDuplicateDoesNotLowerApButAHigherScoredFalsePositiveHalvesIt() {
        List<List<BoxLabel>> truth = List.of(List.of(gt(0, 0, 50, 50, 0)));
        CocoMetrics duplicate = ONE_CLASS.evaluateBoxes(truth,
                List.of(List.of(det(0, 0, 50, 50, 0.9f, 0), det(0, 0, 50, 50, 0.8f, 0))));
        assertEquals(1, duplicate.ap(), EPS);
        CocoMetrics duplicateFirst = ONE_CLASS.evaluateBoxes(truth,
                List.of(List.of(det(1, 1, 50, 50, 0.8f, 0), det(0, 0, 50, 50, 0.9f, 0))));
        assertEquals(1, duplicateFirst.ap50(), EPS, "the better-scored duplicate takes the box");
        // precision 0 then 1/2, envelope 1/2 everywhere
        CocoMetrics falsePositiveFirst = ONE_CLASS.evaluateBoxes(truth,
                List.of(List.of(det(200, 200, 250, 250, 0.95f, 0), det(0, 0, 50, 50, 0.9f, 0))));
        assertEquals(0.5, falsePositiveFirst.ap(), EPS);
    }

    @Test
    void twoClassesAreAveragedAndReportedPerClass() {
        CocoMetrics m = TWO_CLASSES.evaluateBoxes(List.of(List.of(gt(0, 0, 50, 50, 0), gt(60, 60, 100, 100, 1))),
                List.of(List.of(det(0, 0, 50, 50, 0.9f, 0), det(60, 60, 100, 100, 0.9f, 0))));
        assertEquals(1, m.perClassAp().get("a"), EPS);
        assertEquals(0, m.perClassAp().get("b"), EPS, "a detection of the wrong class finds nothing");
        assertEquals(0.5, m.ap(), EPS);
    }

    @Test
    void falsePositivesOnAnImageWithoutGroundTruthCount() {
        CocoMetrics m = ONE_CLASS.evaluateBoxes(List.of(List.of(gt(0, 0, 50, 50, 0)), List.of()),
                List.of(List.of(det(0, 0, 50, 50, 0.8f, 0)), List.of(det(10, 10, 40, 40, 0.9f, 0))));
        assertEquals(0.5, m.ap(), EPS);
        assertEquals(1, m.ar100(), EPS);
    }

    @Test
    void emptyPredictionsScoreZeroAndClassesWithoutGroundTruthAreLeftOut() {
        CocoMetrics none = ONE_CLASS.evaluateBoxes(List.of(List.of(gt(0, 0, 50, 50, 0))), List.of(List.of()));
        assertEquals(0, none.ap(), EPS);
        assertEquals(0, none.ar100(), EPS);
        // class b has no ground truth, only a false positive: NaN for it, and the mean is class a's alone
        CocoMetrics m = TWO_CLASSES.evaluateBoxes(List.of(List.of(gt(0, 0, 50, 50, 0))),
                List.of(List.of(det(0, 0, 50, 50, 0.9f, 0), det(70, 70, 90, 90, 0.95f, 1))));
        assertEquals(1, m.ap(), EPS);
        assertEquals(Double.NaN, m.perClassAp().get("b"));
        CocoMetrics nothing = ONE_CLASS.evaluateBoxes(List.of(List.of()), List.of(List.of()));
        assertEquals(-1, nothing.ap());
        assertEquals(-1, nothing.ar100());
    }

    @Test
    void crowdRegionsAbsorbAnyNumberOfDetectionsAndDoNotCountAsMisses() {
        BoxLabel crowd = new BoxLabel(100, 100, 200, 200, 0, true);
        CocoMetrics m = ONE_CLASS.evaluateBoxes(List.of(List.of(gt(0, 0, 10, 10, 0), crowd)),
                List.of(List.of(det(110, 110, 150, 150, 0.95f, 0), det(120, 120, 160, 160, 0.92f, 0),
                        det(0, 0, 10, 10, 0.9f, 0))));
        assertEquals(1, m.ap(), EPS);
        assertEquals(1, m.ar100(), EPS);
    }

    @Test
    void iouThresholdsDecideWhichThresholdsCountAMatch() {
        // IoU 0.72: a match at 0.50..0.70 (5 of 10 thresholds), not at 0.75
        CocoMetrics m = ONE_CLASS.evaluateBoxes(List.of(List.of(gt(0, 0, 100, 100, 0))),
                List.of(List.of(det(0, 0, 100, 72, 0.9f, 0))));
        assertEquals(0.5, m.ap(), EPS);
        assertEquals(1, m.ap50(), EPS);
        assertEquals(0, m.ap75(), EPS);
        assertEquals(0.5, m.ar100(), EPS);
    }

    @Test
    void detectionLimitsBoundRecall() {
        CocoMetrics m = ONE_CLASS.evaluateBoxes(List.of(List.of(gt(0, 0, 50, 50, 0), gt(100, 100, 150, 150, 0))),
                List.of(List.of(det(0, 0, 50, 50, 0.9f, 0), det(100, 100, 150, 150, 0.8f, 0))));
        assertEquals(0.5, m.ar1(), EPS);
        assertEquals(1, m.ar10(), EPS);
    }

    @Test
    void areaRangesSplitGroundTruthAndIgnoreUnmatchedDetectionsOfOtherSizes() {
        // a small box found, a large box missed, a large false positive with the top score
        CocoMetrics m = ONE_CLASS.evaluateBoxes(List.of(List.of(gt(0, 0, 20, 20, 0), gt(0, 100, 200, 300, 0))),
                List.of(List.of(det(0, 0, 20, 20, 0.8f, 0), det(300, 300, 500, 500, 0.9f, 0))));
        assertEquals(1, m.apSmall(), EPS, "the large false positive is ignored among small objects");
        assertEquals(0, m.apLarge(), EPS);
        assertEquals(-1, m.apMedium());
        // all sizes: false positive first, then the small hit at recall 0.5: precision 1/2 up to recall 0.5
        assertEquals(0.5 * HALF_RECALL_AP, m.ap(), EPS);
    }

    @Test
    void mismatchedListsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> ONE_CLASS.evaluateBoxes(List.of(List.of()), List.of()));
    }
}
