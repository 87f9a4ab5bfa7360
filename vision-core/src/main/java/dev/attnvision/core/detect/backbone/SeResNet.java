package dev.attnvision.core.detect.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.attnvision.attention.MultiHeadSelfAttention2d;
import dev.attnvision.core.detect.BlockCalls;
import java.util.ArrayList;
import java.util.List;

/**
 * SE-ResNet backbone (Hu et al. 2018, "Squeeze-and-Excitation Networks", arXiv 1709.01507) sized for CPUs: a
 * stride-2 3x3 stem, then four stages of {@link SeResidualBlock}s, each opening with a stride-2 block; optionally
 * multi-head self-attention (non-local style) after the last stage, where the map is smallest.
 *
 * <p>Input (B, 3, H, W), ideally a channels-last view; outputs C3, C4, C5: (B, C_i, ceil(H/s), ceil(W/s)) for
 * strides 8, 16, 32. Deviation from ResNet: a single 3x3 stride-2 stem and a stride-2 first stage replace the
 * 7x7 convolution and max pooling.
 */
public final class SeResNet extends AbstractBlock {
    private final SeResNetConfig config;
    private final Conv2d stem;
    private final BatchNorm stemBn;
    private final List<List<SeResidualBlock>> stages;
    private final MultiHeadSelfAttention2d selfAttention;

    public SeResNet(SeResNetConfig config) {
        this.config = config;
        stem = addChildBlock("stem", SeResidualBlock.conv(config.stemChannels(), 3, 2));
        stemBn = addChildBlock("stem_bn", BatchNorm.builder().build());
        List<List<SeResidualBlock>> built = new ArrayList<>();
        int in = config.stemChannels();
        int reduction = config.squeezeExcitation() ? config.seReduction() : 0;
        for (int s = 0; s < 4; s++) {
            List<SeResidualBlock> stage = new ArrayList<>();
            int out = config.stageChannels().get(s);
            for (int b = 0; b < config.stageBlocks().get(s); b++) {
                stage.add(addChildBlock("stage" + (s + 1) + "_" + b,
                        new SeResidualBlock(b == 0 ? in : out, out, b == 0 ? 2 : 1, reduction,
                                config.spatialAttention())));
            }
            built.add(List.copyOf(stage));
            in = out;
        }
        stages = List.copyOf(built);
        selfAttention = config.selfAttention() ? addChildBlock("self_attention", MultiHeadSelfAttention2d.builder()
                .setChannels(config.stageChannels().get(3)).optHeads(config.selfAttentionHeads()).build()) : null;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape shape = stride(inputShapes[0], 2, config.stemChannels());
        Shape[] out = new Shape[3];
        for (int s = 0; s < 4; s++) {
            shape = stride(shape, 2, config.stageChannels().get(s));
            if (s > 0) {
                out[s - 1] = shape;
            }
        }
        return out;
    }

    private static Shape stride(Shape in, int s, int channels) {
        return new Shape(in.get(0), channels, (in.get(2) + s - 1) / s, (in.get(3) + s - 1) / s);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape shape = BlockCalls.initialize(manager, dataType, inputShapes[0], stem, stemBn);
        for (List<SeResidualBlock> stage : stages) {
            shape = BlockCalls.initialize(manager, dataType, shape, stage.toArray(SeResidualBlock[]::new));
        }
        BlockCalls.initialize(manager, dataType, shape, selfAttention);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        BlockCalls calls = new BlockCalls(store, training, params);
        return BlockCalls.scoped(inputs, in -> {
            NDArray h = Activation.relu(calls.chain(in.singletonOrThrow(), stem, stemBn));
            NDList outputs = new NDList();
            for (int s = 0; s < 4; s++) {
                h = calls.chain(h, stages.get(s).toArray(SeResidualBlock[]::new));
                if (s == 3) {
                    h = calls.run(selfAttention, h);
                }
                if (s > 0) {
                    outputs.add(h);
                }
            }
            return outputs;
        });
    }
}
