package dev.attnvision.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import dev.attnvision.attention.ParameterValues;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class ResumableAdamTest {
    private static final LearningRateSchedule CONSTANT = new StepSchedule(0.1, 1000, 1, 0);

    @Test
    void updatesFollowKingmaAndBaWithBiasCorrection() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ResumableAdam adam = new ResumableAdam(CONSTANT, 0.9f, 0.999f, 1e-8f);
            NDArray w = manager.create(new float[] {1f, -2f});
            // step 1: m = 0.1 g, v = 0.001 g^2 -> bias-corrected m/sqrt(v) = sign(g): w -= 0.1 sign(g)
            adam.beginIteration(0);
            adam.update("w", w, manager.create(new float[] {0.5f, -4f}));
            assertArrayEquals(new float[] {0.9f, -1.9f}, w.toFloatArray(), 1e-6f);
            // step 2 with g = (0.5, 4): m = (0.095, -0.04)... computed in double below
            adam.beginIteration(1);
            adam.update("w", w, manager.create(new float[] {0.5f, 4f}));
            double[] g1 = {0.5, -4};
            double[] g2 = {0.5, 4};
            for (int i = 0; i < 2; i++) {
                double m = 0.9 * 0.1 * g1[i] + 0.1 * g2[i];
                double v = 0.999 * 0.001 * g1[i] * g1[i] + 0.001 * g2[i] * g2[i];
                double mHat = m / (1 - 0.81);
                double vHat = v / (1 - 0.998001);
                double expected = (i == 0 ? 0.9 : -1.9) - 0.1 * mHat / (Math.sqrt(vHat) + 1e-8);
                assertEquals(expected, w.toFloatArray()[i], 1e-5);
            }
        }
    }

    @Test
    void adamWShrinksKernelsButNotVectorsBeforeTheAdamStep() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ResumableAdam adamW = ResumableAdam.adamW(CONSTANT, 0.5f);
            NDArray kernel = manager.create(new float[] {1f, -2f}, new Shape(1, 2));
            NDArray bias = manager.create(new float[] {1f, -2f});
            adamW.beginIteration(0);
            adamW.update("k", kernel, manager.create(new float[] {0.5f, -4f}, new Shape(1, 2)));
            adamW.update("b", bias, manager.create(new float[] {0.5f, -4f}));
            // decay by 1 - lr * wd = 0.95, then the first Adam step moves by lr * sign(g) = 0.1
            assertArrayEquals(new float[] {0.95f - 0.1f, -1.9f + 0.1f}, kernel.toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {0.9f, -1.9f}, bias.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void savedMomentsRestoreTheSameNextUpdate() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block a = linear(manager);
            Block b = linear(manager);
            ParameterValues.assign(b.getParameters().get(0).getValue().getArray(),
                    a.getParameters().get(0).getValue().getArray());
            ResumableAdam first = new ResumableAdam(CONSTANT);
            NDArray wa = a.getParameters().get(0).getValue().getArray();
            String idA = a.getParameters().get(0).getValue().getId();
            first.beginIteration(0);
            first.update(idA, wa, manager.create(new float[] {1, 2, 3}, new Shape(1, 3)));
            ByteArrayOutputStream saved = new ByteArrayOutputStream();
            first.save(a, saved);

            NDArray wb = b.getParameters().get(0).getValue().getArray();
            ParameterValues.assign(wb, wa);
            ResumableAdam second = new ResumableAdam(CONSTANT);
            second.load(b, manager, new ByteArrayInputStream(saved.toByteArray()));
            NDArray g = manager.create(new float[] {-1, 0.5f, 2}, new Shape(1, 3));
            first.beginIteration(1);
            first.update(idA, wa, g);
            second.beginIteration(1);
            second.update(b.getParameters().get(0).getValue().getId(), wb, g);
            // exact: an Adam step is elementwise arithmetic (IEEE-rounded per element whatever the vector width or
            // thread count) on equal weights, gradients and restored moments
            assertArrayEquals(wa.toFloatArray(), wb.toFloatArray(), 0f);

            Block other = Linear.builder().setUnits(2).optBias(false).build();
            other.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
            assertThrows(dev.attnvision.core.model.InvalidModelException.class,
                    () -> new ResumableAdam(CONSTANT).load(other, manager, new ByteArrayInputStream(saved.toByteArray())));
        }
    }

    private static Block linear(NDManager manager) {
        Block block = Linear.builder().setUnits(1).optBias(false).build();
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
        return block;
    }
}
