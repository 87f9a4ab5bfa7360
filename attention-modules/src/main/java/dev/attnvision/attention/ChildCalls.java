package dev.attnvision.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The arguments of one forward call, for passing to child blocks: the same store, mode and params
 * (and with them the {@link AttentionProbe}) reach every child.
 *
 * @param store the parameter store
 * @param training whether the call trains
 * @param params the call's params, may be null
 */
public record ChildCalls(ParameterStore store, boolean training, PairList<String, Object> params) {

    /**
     * Runs a single-input, single-output child.
     *
     * @param child the child block
     * @param input its input
     * @return its output
     */
    public NDArray run(Block child, NDArray input) {
        return child.forward(store, new NDList(input), training, params).singletonOrThrow();
    }
}
