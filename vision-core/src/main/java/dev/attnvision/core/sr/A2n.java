package dev.attnvision.core.sr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.attnvision.attention.AttentionInAttentionBlock;
import dev.attnvision.attention.ChildCalls;
import dev.attnvision.attention.ForwardScope;
import dev.attnvision.attention.PixelAttention;
import java.util.ArrayList;
import java.util.List;

/**
 * A2N, the attention in attention network for single-image super-resolution (Chen, Gu, Zhang 2021, "Attention in
 * Attention Network for Image Super-Resolution", arXiv:2104.09497; official code github.com/haoyuc/A2N).
 *
 * <pre>
 * F0  = conv_first(x)                                    3x3, 3 -> nf
 * F   = F0 + trunk_conv(AAB_trunk.{B-1}(... AAB_trunk.0(F0)))   trunk_conv 3x3, nf -> nf
 * per upsampling stage s (x2, x3: one stage by the scale; x4: two stages by 2):
 *   F = lrelu(HRconv_s(lrelu(att_s(upconv_s(nearest_s(F))))))  upconv 3x3 -> unf, att pixel attention,
 *                                                               HRconv 3x3 unf -> unf, lrelu slope 0.2
 * y   = conv_last(F) + bilinear_scale(x)                   conv_last 3x3, unf -> 3; bilinear align_corners=False
 * </pre>
 *
 * Input {@code (N, 3, H, W)} RGB on 0..255, output {@code (N, 3, sH, sW)} on the same scale (not clamped). The
 * children carry the official state_dict names ({@code conv_first}, {@code AAB_trunk.0}, ..., {@code upconv1},
 * {@code att1}, {@code HRconv1}, {@code upconv2}, ..., {@code conv_last}), so the released weights load with
 * {@code CheckpointImporter} without a rename table.
 *
 * <p>Every operation keeps the memory layout of its input: fed an NHWC buffer viewed as NCHW
 * ({@code transpose(0, 3, 1, 2)}), the whole pass runs channels-last, which PyTorch's CPU convolutions run about
 * four times faster, and the output's {@code transpose(0, 2, 3, 1)} is a contiguous NHWC image. Feature maps are
 * closed as soon as the next one exists and each upsampling stage runs in a {@link ForwardScope}, so only a few
 * maps are alive at any time (the trunk blocks scope their own temporaries).
 */
public final class A2n extends AbstractBlock {
    /** How far a 3x3 convolution's output reaches into its input, in pixels. */
    static final int CONV_RADIUS = 1;

    private static final float LEAKY_SLOPE = 0.2f;

    private final A2nConfig config;
    private final Block convFirst;
    private final List<AttentionInAttentionBlock> trunk = new ArrayList<>();
    private final Block trunkConv;
    private final List<UpsamplingStage> stages = new ArrayList<>();
    private final Block convLast;

    /** One nearest-neighbour upsampling stage's blocks. */
    private record UpsamplingStage(int factor, Block upconv, Block attention, Block hrConv) {}

    private A2n(Builder builder) {
        config = builder.config;
        int nf = config.features();
        int unf = config.upsamplingFeatures();
        convFirst = addChildBlock("conv_first", conv3x3(nf));
        for (int i = 0; i < config.blocks(); i++) {
            trunk.add(addChildBlock("AAB_trunk." + i, AttentionInAttentionBlock.builder().setChannels(nf).build()));
        }
        trunkConv = addChildBlock("trunk_conv", conv3x3(nf));
        int[] factors = config.stageScales();
        for (int s = 0; s < factors.length; s++) {
            int n = s + 1;
            stages.add(new UpsamplingStage(factors[s],
                    addChildBlock("upconv" + n, conv3x3(unf)),
                    addChildBlock("att" + n, PixelAttention.builder().setChannels(unf).build()),
                    addChildBlock("HRconv" + n, conv3x3(unf))));
        }
        convLast = addChildBlock("conv_last", conv3x3(3));
    }

    private static Conv2d conv3x3(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public A2nConfig config() {
        return config;
    }

    /**
     * Makes the trunk blocks from {@code first} on the identity ({@link AttentionInAttentionBlock#startAsIdentity}).
     * Once the parameters of an A2N of {@code first} blocks are copied into this deeper one, it computes what that
     * network computed: the added blocks sit at the end of the trunk, before {@code trunk_conv}.
     *
     * @return the names of the blocks made the identity
     */
    public List<String> startTrunkAsIdentityFrom(int first) {
        List<String> names = new ArrayList<>();
        for (int i = first; i < trunk.size(); i++) {
            trunk.get(i).startAsIdentity();
            names.add("AAB_trunk." + i);
        }
        return names;
    }

    /** An input shape to initialize an A2N with (the weights do not depend on the image size). */
    public static Shape sampleInputShape() {
        return new Shape(1, 3, 8, 8);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        ChildCalls calls = new ChildCalls(ps, training, params);
        NDArray image = inputs.singletonOrThrow();
        NDArray first = calls.run(convFirst, image);
        NDArray trunkOut = trunk(calls, first);
        NDArray features = calls.run(trunkConv, trunkOut).addi(first);
        trunkOut.close();
        first.close();
        NDArray out = upsample(calls, features, image);
        features.close();
        return new NDList(out);
    }

    /**
     * The upsampler: the stages, {@code conv_last} and the bilinear skip from {@code image}, over {@code features}
     * (the trunk's output plus {@code conv_first}'s), for inference on a part of an image.
     */
    NDArray upsample(ParameterStore ps, NDArray features, NDArray image) {
        return upsample(new ChildCalls(ps, false, null), features, image);
    }

    private NDArray upsample(ChildCalls calls, NDArray features, NDArray image) {
        NDArray current = features;
        for (UpsamplingStage stage : stages) {
            NDArray previous = current;
            current = ForwardScope.apply(previous, x -> {
                NDArray up = calls.run(stage.upconv(), Upsampling.nearest(x, stage.factor()));
                NDArray attended = Activation.leakyRelu(calls.run(stage.attention(), up), LEAKY_SLOPE);
                return Activation.leakyRelu(calls.run(stage.hrConv(), attended), LEAKY_SLOPE);
            });
            if (previous != features) {
                previous.close();
            }
        }
        NDArray residual = calls.run(convLast, current);
        if (current != features) {
            current.close();
        }
        NDArray out = ForwardScope.apply(image, x -> Upsampling.bilinear(x, config.scale()).addi(residual));
        residual.close();
        return out;
    }

    /** {@code conv_first}, a 3x3 convolution of the image: its output reaches {@link #CONV_RADIUS} pixels. */
    Block convFirst() {
        return convFirst;
    }

    /** The attention-in-attention blocks, in order. */
    List<AttentionInAttentionBlock> trunkBlocks() {
        return List.copyOf(trunk);
    }

    /** {@code trunk_conv}, a 3x3 convolution: its output reaches {@link #CONV_RADIUS} pixels. */
    Block trunkConv() {
        return trunkConv;
    }

    /**
     * How far {@link #upsample}'s output reaches into its inputs, in input pixels: each stage's upconv and HRconv
     * (3x3 after nearest upsampling by the stage's factor) reach one input pixel or less, as do {@code conv_last}
     * and the bilinear skip (align_corners=False reads the two nearest input pixels), so one pixel per term.
     */
    int upsamplerRadius() {
        return stages.size() + 2;
    }

    /** The attention-in-attention blocks over {@code first}, closing every intermediate map (not {@code first}). */
    private NDArray trunk(ChildCalls calls, NDArray first) {
        NDArray features = first;
        for (AttentionInAttentionBlock block : trunk) {
            NDArray previous = features;
            features = calls.run(block, previous);
            if (previous != first) {
                previous.close();
            }
        }
        return features;
    }

    /**
     * The multiply-adds of one forward pass on an {@code height x width} input, counted from the convolution weights
     * (each output pixel of a convolution costs one multiply-add per weight); the per-image attention MLPs and the
     * element-wise operations are left out. For the released x2 shape this is 1.074 M per input pixel. Needs an
     * initialized network.
     */
    public long multiplyAdds(long height, long width) {
        long pixels = height * width;
        long macs = pixels * (convolutionWeights(convFirst) + convolutionWeights(trunkConv));
        for (Block block : trunk) {
            macs += pixels * convolutionWeights(block);
        }
        for (UpsamplingStage stage : stages) {
            pixels *= (long) stage.factor() * stage.factor();
            macs += pixels * (convolutionWeights(stage.upconv()) + convolutionWeights(stage.attention())
                    + convolutionWeights(stage.hrConv()));
        }
        return macs + pixels * convolutionWeights(convLast);
    }

    /** The number of convolution weights (4-D parameters) in a block and its children. */
    private static long convolutionWeights(Block block) {
        return block.getParameters().values().stream().map(p -> p.getArray().getShape())
                .filter(shape -> shape.dimension() == 4).mapToLong(Shape::size).sum();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), 3, in.get(2) * config.scale(), in.get(3) * config.scale())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        Shape shape = new Shape(in.get(0), 3, in.get(2), in.get(3));
        convFirst.initialize(manager, dataType, shape);
        shape = convFirst.getOutputShapes(new Shape[] {shape})[0];
        for (Block block : trunk) {
            block.initialize(manager, dataType, shape);
        }
        trunkConv.initialize(manager, dataType, shape);
        for (UpsamplingStage stage : stages) {
            shape = new Shape(shape.get(0), shape.get(1), shape.get(2) * stage.factor(), shape.get(3) * stage.factor());
            stage.upconv().initialize(manager, dataType, shape);
            shape = stage.upconv().getOutputShapes(new Shape[] {shape})[0];
            stage.attention().initialize(manager, dataType, shape);
            stage.hrConv().initialize(manager, dataType, shape);
        }
        convLast.initialize(manager, dataType, shape);
    }

    /** Builds an {@link A2n}; the configuration is required. */
    public static final class Builder {
        private A2nConfig config;

        private Builder() {}

        /** The network's shape, e.g. {@link A2nConfig#x2()}. */
        public Builder setConfig(A2nConfig config) {
            this.config = config;
            return this;
        }

        public A2n build() {
            if (config == null) {
                throw new IllegalStateException("A2n needs a config: call setConfig(A2nConfig.x2()) or similar");
            }
            return new A2n(this);
        }
    }
}
