package dev.attnvision.core.detect.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.function.Function;

/** Compares autograd gradients of a scalar function with central finite differences in float64. */
final class GradientCheck {
    private GradientCheck() {}

    static void assertGradientMatches(NDManager manager, double[] point, Shape shape,
            Function<NDArray, NDArray> loss) {
        NDArray x = manager.create(point, shape);
        x.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(loss.apply(x));
        }
        double[] analytic = x.getGradient().toDoubleArray();
        double h = 1e-6;
        for (int i = 0; i < point.length; i++) {
            double[] plus = point.clone();
            double[] minus = point.clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (value(manager, plus, shape, loss) - value(manager, minus, shape, loss)) / (2 * h);
            assertEquals(numeric, analytic[i], 1e-6 + 1e-5 * Math.abs(numeric), "d loss / d x[" + i + "]");
        }
    }

    private static double value(NDManager manager, double[] point, Shape shape, Function<NDArray, NDArray> loss) {
        try (NDManager scope = manager.newSubManager()) {
            return loss.apply(scope.create(point, shape)).getDouble();
        }
    }
}
