package dev.attnvision.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * Resets a network's gradients before a backward pass. The PyTorch engine accumulates gradients over backward passes
 * and DJL's trainer does not reset them; {@code GradientCollector.zeroGradients()} does, but leaves two array handles
 * per parameter on the model's manager at every call, so memory grows over a long run. Here each handle is closed
 * once used.
 */
public final class Gradients {
    private Gradients() {}

    /** Sets the gradient of every parameter of {@code block} that has one to zero. */
    public static void zero(Block block) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray array = p.getValue().getArray();
            if (array.hasGradient()) {
                try (NDArray gradient = array.getGradient()) {
                    gradient.subi(gradient);
                }
            }
        }
    }
}
