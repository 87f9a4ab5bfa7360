package dev.attnvision.core.detect.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class DistanceIouLossTest {
    private static double loss(IouLoss loss, double[] predicted, double[] target) {
        try (NDManager m = NDManager.newBaseManager()) {
            int n = predicted.length / 4;
            double[] ones = new double[n];
            java.util.Arrays.fill(ones, 1);
            return loss.compute(m.create(predicted, new Shape(n, 4)), m.create(target, new Shape(n, 4)),
                    m.create(ones), 1f).getDouble();
        }
    }

    @Test
    void diouAddsTheSquaredCentreDistanceOverTheEnclosingDiagonal() {
        DistanceIouLoss diou = DistanceIouLoss.diou(1);
        assertEquals(0, loss(diou, new double[] {0, 0, 4, 4}, new double[] {0, 0, 4, 4}), 1e-6);
        // IoU 1/3, centres (1, 1) and (2, 1), enclosing box 3 x 2: 1 - 1/3 + 1/13
        assertEquals(2.0 / 3 + 1.0 / 13, loss(diou, new double[] {0, 0, 2, 2}, new double[] {1, 0, 3, 2}), 1e-6);
        // a box inside its target: GIoU's penalty vanishes, DIoU's does not (centres 0.5 apart in x and y, c^2 32)
        double[] inner = {1, 1, 2, 2};
        double[] outer = {0, 0, 4, 4};
        assertEquals(15.0 / 16 + 0.5 / 32, loss(diou, inner, outer), 1e-6);
        assertEquals(15.0 / 16, loss(new GiouLoss(), inner, outer), 1e-6);
        assertEquals(2 * (2.0 / 3 + 1.0 / 13), loss(DistanceIouLoss.diou(2), new double[] {0, 0, 2, 2},
                new double[] {1, 0, 3, 2}), 1e-6, "the weight scales it");
    }

    @Test
    void ciouAddsTheAspectRatioTermWeightedByAlpha() {
        DistanceIouLoss ciou = DistanceIouLoss.ciou(1);
        assertEquals(2.0 / 3 + 1.0 / 13, loss(ciou, new double[] {0, 0, 2, 2}, new double[] {1, 0, 3, 2}), 1e-6,
                "equal aspect ratios: v = 0, CIoU is DIoU");
        // 2 x 1 against 1 x 2 from the same corner: IoU 1/3, rho^2 0.5, c^2 8
        double v = 4 / (Math.PI * Math.PI) * Math.pow(Math.atan(0.5) - Math.atan(2), 2);
        double alpha = v / (2.0 / 3 + v);
        assertEquals(2.0 / 3 + 0.5 / 8 + alpha * v, loss(ciou, new double[] {0, 0, 2, 1}, new double[] {0, 0, 1, 2}),
                1e-6);
    }

    @Test
    void diouGradientMatchesFiniteDifferences() {
        double[] target = {1, 0, 3, 2, 2, 0, 3, 1};
        try (NDManager m = NDManager.newBaseManager()) {
            GradientCheck.assertGradientMatches(m, new double[] {0.1, 0.2, 2.3, 1.9, 0, 0.1, 1.2, 0.9},
                    new Shape(2, 4), x -> DistanceIouLoss.diou(1).compute(x,
                            x.getManager().create(target, new Shape(2, 4)), x.getManager().create(new double[] {1, 1}),
                            2f));
        }
    }

    @Test
    void aWeightMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> DistanceIouLoss.ciou(0));
    }
}
