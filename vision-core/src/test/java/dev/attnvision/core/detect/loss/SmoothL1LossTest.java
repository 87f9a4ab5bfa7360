package dev.attnvision.core.detect.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class SmoothL1LossTest {
    private static final double[] PRED = {0.05, -0.3, 1.0, 0.0, 2.0, 2.0, 2.0, 2.0};
    private static final double[] TARGET = {0.0, 0.0, 0.5, 0.02, 0.0, 0.0, 0.0, 0.0};

    @Test
    void quadraticBelowBetaLinearAboveAndOnlyWeightedRowsCount() {
        try (NDManager m = NDManager.newBaseManager()) {
            double loss = new SmoothL1Loss(0.1f).compute(m.create(PRED, new Shape(2, 4)),
                    m.create(TARGET, new Shape(2, 4)), m.create(new double[] {1, 0}), 2f).getDouble();
            // |d| = 0.05, 0.3, 0.5, 0.02: 0.5 * 0.0025 / 0.1 + (0.3 - 0.05) + (0.5 - 0.05) + 0.5 * 0.0004 / 0.1
            assertEquals((0.0125 + 0.25 + 0.45 + 0.002) / 2, loss, 1e-7);
            double l1 = new SmoothL1Loss(0f).compute(m.create(PRED, new Shape(2, 4)),
                    m.create(TARGET, new Shape(2, 4)), m.create(new double[] {1, 1}), 1f).getDouble();
            assertEquals(0.05 + 0.3 + 0.5 + 0.02 + 8, l1, 1e-7);
        }
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        try (NDManager m = NDManager.newBaseManager()) {
            GradientCheck.assertGradientMatches(m, PRED, new Shape(2, 4),
                    x -> new SmoothL1Loss(0.1f).compute(x, x.getManager().create(TARGET, new Shape(2, 4)),
                            x.getManager().create(new double[] {1, 0.5}), 1f));
        }
    }
}
