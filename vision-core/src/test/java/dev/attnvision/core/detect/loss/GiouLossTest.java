package dev.attnvision.core.detect.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class GiouLossTest {
    @Test
    void handComputedCases() {
        GiouLoss giou = new GiouLoss();
        try (NDManager m = NDManager.newBaseManager()) {
            // identical: 0; half overlap (0,0,2,2) vs (1,0,3,2): IoU 2/6, C = 6 = union, loss 2/3;
            // disjoint (0,0,1,1) vs (2,0,3,1): IoU 0, C = 3, union 2, loss 1 + 1/3
            double[] pred = {0, 0, 4, 4, 0, 0, 2, 2, 0, 0, 1, 1};
            double[] target = {0, 0, 4, 4, 1, 0, 3, 2, 2, 0, 3, 1};
            double loss = giou.compute(m.create(pred, new Shape(3, 4)), m.create(target, new Shape(3, 4)),
                    m.create(new double[] {1, 1, 1}), 1f).getDouble();
            assertEquals(0 + 2.0 / 3 + 4.0 / 3, loss, 1e-6);
        }
    }

    @Test
    void gradientMatchesFiniteDifferencesEvenWithoutOverlap() {
        double[] target = {1, 0, 3, 2, 2, 0, 3, 1};
        try (NDManager m = NDManager.newBaseManager()) {
            GradientCheck.assertGradientMatches(m, new double[] {0.1, 0.2, 2.3, 1.9, 0, 0.1, 1.2, 0.9},
                    new Shape(2, 4), x -> new GiouLoss().compute(x, x.getManager().create(target, new Shape(2, 4)),
                            x.getManager().create(new double[] {1, 1}), 2f));
        }
    }
}
