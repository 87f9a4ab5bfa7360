package dev.attnvision.core.sr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.attnvision.attention.AttentionInAttentionBlock;
import dev.attnvision.attention.PooledContext;
import java.util.List;
import java.util.Map;

/** {@link A2nStages} in float32: the network's own DJL blocks, the reference every other precision is held to. */
final class Float32Stages implements A2nStages {
    private final A2n network;
    private final ParameterStore parameters;
    private final List<AttentionInAttentionBlock> blocks;

    Float32Stages(A2n network, ParameterStore parameters) {
        this.network = network;
        this.parameters = parameters;
        this.blocks = network.trunkBlocks();
    }

    @Override
    public NDArray whole(NDArray image) {
        return forward(network, image, null);
    }

    @Override
    public NDArray head(NDArray image) {
        return forward(network.convFirst(), image, null);
    }

    @Override
    public NDArray block(int index, NDArray input, float[] pooled) {
        AttentionInAttentionBlock block = blocks.get(index);
        PairList<String, Object> params = new PairList<>();
        params.add(PooledContext.PARAM_KEY, new PooledContext(Map.of(block, pooled)));
        return forward(block, input, params);
    }

    @Override
    public NDArray pooledSum(int index, NDArray core) {
        return blocks.get(index).pooledSum(parameters, core);
    }

    @Override
    public NDArray features(NDArray trunk, NDArray image) {
        return forward(network.trunkConv(), trunk, null).addi(head(image));
    }

    @Override
    public NDArray upsample(NDArray features, NDArray image) {
        return network.upsample(parameters, features, image);
    }

    private NDArray forward(Block block, NDArray input, PairList<String, Object> params) {
        return block.forward(parameters, new NDList(input), false, params).singletonOrThrow();
    }

    @Override
    public void close() {
        // the blocks belong to the shared network
    }
}
