package dev.attnvision.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.attnvision.attention.ParameterPaths;
import dev.attnvision.attention.ParameterValues;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Re-initialises a network's parameters from a seed alone, without the engine's global random generator: PyTorch's
 * default for convolutions and linear layers (He et al. 2015 "kaiming uniform" with {@code a = sqrt(5)}), i.e. weights
 * uniform in {@code [-1/sqrt(fanIn), 1/sqrt(fanIn)]} with {@code fanIn = elements / outputs}, biases 0. Each parameter
 * draws from a generator seeded with the run seed and its dotted path, so the result does not depend on the order in
 * which parameters are visited.
 */
public final class SeededInitialization {
    private SeededInitialization() {}

    /** Fills every parameter of the initialised {@code block} from {@code seed}: kernels drawn, vectors 0. */
    public static void apply(Block block, long seed) {
        fill(block, seed, true);
    }

    /**
     * Draws only the kernels (parameters of two or more dimensions) from {@code seed} and keeps every vector as the
     * block's own initialisers set it: the constants of normalisation layers (scale 1, running variance 1) and
     * deliberate biases such as a detector's classification prior. For networks with normalisation layers.
     */
    public static void applyToKernels(Block block, long seed) {
        fill(block, seed, false);
    }

    private static void fill(Block block, long seed, boolean zeroVectors) {
        for (Map.Entry<String, Parameter> entry : ParameterPaths.of(block).entrySet()) {
            NDArray array = entry.getValue().getArray();
            long[] shape = array.getShape().getShape();
            if (shape.length < 2 && !zeroVectors) {
                continue;
            }
            float[] values = new float[Math.toIntExact(array.size())];
            if (shape.length >= 2) {
                double bound = 1 / Math.sqrt(array.size() / (double) shape[0]);
                SplittableRandom random = new SplittableRandom(Seeds.derive(seed, entry.getKey().hashCode()));
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) random.nextDouble(-bound, bound);
                }
            }
            ParameterValues.assign(array, values);
        }
    }
}
