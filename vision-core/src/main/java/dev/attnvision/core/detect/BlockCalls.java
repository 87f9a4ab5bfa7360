package dev.attnvision.core.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.function.UnaryOperator;

/**
 * The arguments of one forward call, handed on to child blocks, and the shape walk of child initialisation. A
 * switched-off (null) child is the identity.
 *
 * @param store the parameter store
 * @param training whether the call trains
 * @param params the call's params (may carry an attention probe), may be null
 */
public record BlockCalls(ParameterStore store, boolean training, PairList<String, Object> params) {
    /** {@code block(x)}, or {@code x} when the block is null. */
    public NDArray run(Block block, NDArray x) {
        return block == null ? x : block.forward(store, new NDList(x), training, params).singletonOrThrow();
    }

    /** The blocks applied in order, null ones skipped. */
    public NDArray chain(NDArray x, Block... blocks) {
        NDArray h = x;
        for (Block block : blocks) {
            h = run(block, h);
        }
        return h;
    }

    /**
     * Runs a block's maths with its inputs temporarily attached to a sub-manager, so every temporary derived from
     * them is closed on return (autograd keeps what it needs); the outputs are attached to the inputs' manager.
     */
    public static NDList scoped(NDList inputs, UnaryOperator<NDList> body) {
        NDManager owner = inputs.head().getManager();
        try (NDManager scope = owner.newSubManager()) {
            inputs.tempAttach(scope);
            NDList out = body.apply(inputs);
            out.attach(owner);
            return out;
        }
    }

    /** Initialises the non-null blocks in order, each on the previous one's output shape; returns the last shape. */
    public static Shape initialize(NDManager manager, DataType dataType, Shape input, Block... blocks) {
        Shape shape = input;
        for (Block block : blocks) {
            if (block != null) {
                block.initialize(manager, dataType, shape);
                shape = block.getOutputShapes(new Shape[] {shape})[0];
            }
        }
        return shape;
    }
}
