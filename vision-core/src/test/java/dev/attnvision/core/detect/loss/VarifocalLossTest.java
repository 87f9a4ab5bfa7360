package dev.attnvision.core.detect.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class VarifocalLossTest {
    private static final double[] LOGITS = {2.0, -1.0, 0.5, -3.0, 1.5, 0.0, 0.3, -0.7, 4.0, -2.5, 1.0, 0.2};
    // positive class 0 (IoU 0.8), background, positive class 2 (IoU 0.3), ignored
    private static final long[] LABELS = {0, -1, 2, -2};
    private static final double[] QUALITY = {0.8, 0.6, 0.3, 0.9};

    /** The paper's equation 2 written out per element. */
    private static double naive(double alpha, double gamma, double normaliser) {
        double sum = 0;
        for (int i = 0; i < LABELS.length; i++) {
            if (LABELS[i] < -1) {
                continue;
            }
            for (int c = 0; c < 3; c++) {
                double p = 1 / (1 + Math.exp(-LOGITS[i * 3 + c]));
                double q = LABELS[i] == c ? QUALITY[i] : 0;
                sum += q > 0 ? -q * (q * Math.log(p) + (1 - q) * Math.log(1 - p))
                        : -alpha * Math.pow(p, gamma) * Math.log(1 - p);
            }
        }
        return sum / normaliser;
    }

    private static NDArray loss(NDArray logits, float normaliser) {
        NDManager m = logits.getManager();
        return VarifocalLoss.varifocalNet().compute(logits, m.create(LABELS), m.create(QUALITY), normaliser);
    }

    @Test
    void matchesTheNaiveFormulaAndSkipsIgnoredAnchors() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertEquals(naive(0.75, 2, 2), loss(m.create(LOGITS, new Shape(4, 3)), 2f).getDouble(), 1e-12);
            assertEquals(naive(0.75, 2, 1), loss(m.create(LOGITS, new Shape(4, 3)), 0f).getDouble(), 1e-12);
        }
    }

    @Test
    void aBetterPlacedPositiveWantsAHigherScore() {
        // d VFL / d x at q: q (p - q) for a positive, so the loss is lowest where p equals the box's IoU
        try (NDManager m = NDManager.newBaseManager()) {
            for (double q : new double[] {0.3, 0.9}) {
                double best = Double.MAX_VALUE;
                double bestP = 0;
                for (double p = 0.05; p < 1; p += 0.05) {
                    double x = Math.log(p / (1 - p));
                    double value = new VarifocalLoss(0.75f, 2f).compute(m.create(new double[] {x}, new Shape(1, 1)),
                            m.create(new long[] {0}), m.create(new double[] {q}), 1f).getDouble();
                    if (value < best) {
                        best = value;
                        bestP = p;
                    }
                }
                assertEquals(q, bestP, 0.026, "the score a box of IoU " + q + " is trained towards");
            }
        }
    }

    @Test
    void gradientMatchesFiniteDifferencesAndNoneFlowsIntoTheQuality() {
        try (NDManager m = NDManager.newBaseManager()) {
            GradientCheck.assertGradientMatches(m, LOGITS, new Shape(4, 3), x -> loss(x, 2f));
            NDArray logits = m.create(LOGITS, new Shape(4, 3));
            NDArray quality = m.create(QUALITY);
            logits.setRequiresGradient(true);
            quality.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(VarifocalLoss.varifocalNet().compute(logits, m.create(LABELS), quality, 2f));
            }
            assertEquals(0, quality.getGradient().abs().sum().toType(DataType.FLOAT64, false).getDouble(),
                    "the targets are constants");
            assertTrue(logits.getGradient().abs().sum().getDouble() > 0);
        }
    }

    @Test
    void staysFiniteForHugeLogits() {
        try (NDManager m = NDManager.newBaseManager()) {
            float value = VarifocalLoss.varifocalNet().compute(m.create(new float[] {200f, -200f}, new Shape(1, 2)),
                    m.create(new long[] {1}), m.create(new float[] {0.5f}), 1f).getFloat();
            // class 0, a negative at p = 1: 0.75 x 200; class 1, q = 0.5 at x = -200: 0.5 x 0.5 x 200
            assertEquals(0.75 * 200 + 0.25 * 200, value, 1e-3);
        }
    }

    @Test
    void rejectsBadParametersAndAMissingQuality() {
        assertThrows(IllegalArgumentException.class, () -> new VarifocalLoss(0.75f, -1f));
        try (NDManager m = NDManager.newBaseManager()) {
            assertThrows(IllegalArgumentException.class, () -> VarifocalLoss.varifocalNet()
                    .compute(m.create(LOGITS, new Shape(4, 3)), m.create(LABELS), null, 1f));
        }
    }
}
