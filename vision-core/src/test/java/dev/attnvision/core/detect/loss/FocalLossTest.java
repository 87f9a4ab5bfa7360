package dev.attnvision.core.detect.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class FocalLossTest {
    private static final double[] LOGITS = {2.0, -1.0, 0.5, -3.0, 1.5, 0.0, 0.3, -0.7, 4.0, -2.5, 1.0, 0.2};
    private static final long[] LABELS = {0, -1, 2, -2}; // positive class 0, background, positive class 2, ignored

    /** The paper's formula written out per element. */
    private static double naive(double alpha, double gamma, double normaliser) {
        double sum = 0;
        for (int i = 0; i < LABELS.length; i++) {
            if (LABELS[i] < -1) {
                continue;
            }
            for (int c = 0; c < 3; c++) {
                double p = 1 / (1 + Math.exp(-LOGITS[i * 3 + c]));
                boolean y = LABELS[i] == c;
                double pt = y ? p : 1 - p;
                sum += -(y ? alpha : 1 - alpha) * Math.pow(1 - pt, gamma) * Math.log(pt);
            }
        }
        return sum / normaliser;
    }

    @Test
    void matchesTheNaiveFormulaAndSkipsIgnoredAnchors() {
        try (NDManager m = NDManager.newBaseManager()) {
            double loss = FocalLoss.retinaNet().compute(m.create(LOGITS, new Shape(4, 3)), m.create(LABELS), 2f)
                    .getDouble();
            assertEquals(naive(0.25, 2, 2), loss, 1e-12);
            double ce = new FocalLoss(0.5f, 0f).compute(m.create(LOGITS, new Shape(4, 3)), m.create(LABELS), 0f)
                    .getDouble();
            assertEquals(naive(0.5, 0, 1), ce, 1e-12);
        }
    }

    @Test
    void staysFiniteForHugeLogits() {
        try (NDManager m = NDManager.newBaseManager()) {
            double loss = FocalLoss.retinaNet().compute(m.create(new float[] {200f, -200f}, new Shape(1, 2)),
                    m.create(new long[] {1}), 1f).getFloat();
            assertEquals(0.25 * 200 + 0.75 * 200, loss, 1e-3);
        }
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        try (NDManager m = NDManager.newBaseManager()) {
            GradientCheck.assertGradientMatches(m, LOGITS, new Shape(4, 3),
                    x -> FocalLoss.retinaNet().compute(x, x.getManager().create(LABELS), 2f));
        }
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> new FocalLoss(1.5f, 2f));
    }
}
