package dev.attnvision.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Group normalisation: the channels are split into {@code G} groups and every (sample, group) is
 * standardised over its channels and pixels, then scaled and shifted per channel.
 *
 * <pre>
 *   y[b,c,h,w] = gamma[c] * (x[b,c,h,w] - mu[b,g]) / sqrt(var[b,g] + eps) + beta[c],   g = c / (C / G)
 * </pre>
 *
 * with {@code mu} and the biased {@code var} taken over the {@code C/G} channels of group {@code g}
 * and all {@code H x W} pixels. Input and output {@code (B, C, H, W)} (any trailing spatial rank);
 * {@code gamma} starts at one, {@code beta} at zero. No running statistics: training and inference
 * agree. Channels-last views stay channels-last (splitting the channel axis is a view).
 *
 * <p>Wu and He, 2018, "Group Normalization", arXiv:1803.08494. Same definition and default
 * {@code eps = 1e-5} as PyTorch's {@code GroupNorm}; DJL has no group norm of its own.
 */
public final class GroupNorm extends AbstractBlock {

    private final int groups;
    private final float epsilon;
    private final Parameter gamma;
    private final Parameter beta;

    private GroupNorm(Builder builder) {
        groups = builder.groups;
        epsilon = builder.epsilon;
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
    }

    /** @return a builder; the number of groups is required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the number of channel groups {@code G} */
    public int getGroups() {
        return groups;
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        long channels = channelsOf(inputShapes[0]);
        gamma.setShape(new Shape(channels));
        beta.setShape(new Shape(channels));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        channelsOf(inputShapes[0]);
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray g = parameterStore.getValue(gamma, x.getDevice(), training);
        NDArray b = parameterStore.getValue(beta, x.getDevice(), training);
        try (NDManager scope = NDManager.subManagerOf(x)) {
            scope.tempAttachAll(x, g, b);
            return new NDList(scope.ret(normalize(x, g, b, groups, epsilon)));
        }
    }

    /**
     * The group-norm formula on plain arrays; the result lives in {@code x}'s manager.
     *
     * @param x input {@code (B, C, ...)} with {@code C} divisible by {@code groups}
     * @param gamma per-channel scale {@code (C)}
     * @param beta per-channel shift {@code (C)}
     * @param groups number of channel groups
     * @param epsilon added to the variance
     * @return the normalised array, same shape as {@code x}
     */
    static NDArray normalize(NDArray x, NDArray gamma, NDArray beta, int groups, float epsilon) {
        Shape shape = x.getShape();
        long channels = shape.get(1);
        long[] grouped = new long[shape.dimension() + 1];
        long[] affine = new long[shape.dimension()];
        grouped[0] = shape.get(0);
        grouped[1] = groups;
        grouped[2] = channels / groups;
        affine[0] = 1;
        affine[1] = channels;
        for (int d = 2; d < shape.dimension(); d++) {
            grouped[d + 1] = shape.get(d);
            affine[d] = 1;
        }
        NDArray xg = x.reshape(grouped);
        NDArray centred = xg.sub(meanWithinGroups(xg));
        NDArray variance = meanWithinGroups(centred.square());
        NDArray standardised = centred.div(variance.add(epsilon).sqrt()).reshape(shape);
        return standardised.mul(gamma.reshape(affine)).add(beta.reshape(affine));
    }

    /** Mean over every axis after the group axis, kept as size-1 axes (one axis at a time). */
    private static NDArray meanWithinGroups(NDArray grouped) {
        NDArray mean = grouped;
        for (int axis = grouped.getShape().dimension() - 1; axis >= 2; axis--) {
            mean = mean.mean(new int[] {axis}, true);
        }
        return mean;
    }

    private long channelsOf(Shape input) {
        if (input.dimension() < 3 || input.get(1) % groups != 0) {
            throw new IllegalArgumentException(
                    "GroupNorm with " + groups + " groups needs (B, C, ...) with C divisible by "
                            + groups + ", got " + input);
        }
        return input.get(1);
    }

    /** Builder for {@link GroupNorm}. */
    public static final class Builder {
        private int groups;
        private float epsilon = 1e-5f;

        private Builder() {}

        /**
         * @param groups number of channel groups {@code G} (required, positive, divides C)
         * @return this builder
         */
        public Builder setGroups(int groups) {
            this.groups = groups;
            return this;
        }

        /**
         * @param epsilon added to the variance (default 1e-5, positive)
         * @return this builder
         */
        public Builder optEpsilon(float epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        /** @return the block */
        public GroupNorm build() {
            if (groups <= 0) {
                throw new IllegalArgumentException("GroupNorm groups must be positive, got " + groups);
            }
            if (!(epsilon > 0f)) {
                throw new IllegalArgumentException("GroupNorm epsilon must be positive, got " + epsilon);
            }
            return new GroupNorm(this);
        }
    }
}
