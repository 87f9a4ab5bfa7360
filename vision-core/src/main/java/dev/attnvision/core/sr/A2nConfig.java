package dev.attnvision.core.sr;

/**
 * The shape of an A2N network (Chen, Gu, Zhang 2021, "Attention in Attention Network for Image Super-Resolution",
 * arXiv:2104.09497). The presets match the authors' released models: 40 trunk features, 24 upsampling features,
 * 16 attention-in-attention blocks.
 *
 * @param scale the upscaling factor: 2 or 3 (one nearest-neighbour stage), or 4 (two x2 stages)
 * @param features {@code nf}: the trunk width; at least 4, since the dynamic attention module squeezes it to
 *     {@code nf / 4}
 * @param upsamplingFeatures {@code unf}: the width of the upsampling stages, at least 1
 * @param blocks the number of attention-in-attention blocks in the trunk, at least 1
 */
public record A2nConfig(int scale, int features, int upsamplingFeatures, int blocks) {
    public A2nConfig {
        if (scale < 2 || scale > 4) {
            throw new IllegalArgumentException("A2N upscales by 2, 3 or 4, not " + scale);
        }
        if (features < 4) {
            throw new IllegalArgumentException("A2N needs at least 4 trunk features, got " + features);
        }
        if (upsamplingFeatures < 1) {
            throw new IllegalArgumentException("A2N needs at least 1 upsampling feature, got " + upsamplingFeatures);
        }
        if (blocks < 1) {
            throw new IllegalArgumentException("A2N needs at least 1 attention-in-attention block, got " + blocks);
        }
    }

    /** The released x2 model's shape. */
    public static A2nConfig x2() {
        return forScale(2);
    }

    /** The released x3 model's shape. */
    public static A2nConfig x3() {
        return forScale(3);
    }

    /** The x4 shape of the paper (two x2 upsampling stages). */
    public static A2nConfig x4() {
        return forScale(4);
    }

    /** The paper's shape for {@code scale}. */
    public static A2nConfig forScale(int scale) {
        return new A2nConfig(scale, 40, 24, 16);
    }

    /** The nearest-neighbour factor of each upsampling stage: {@code [scale]}, or {@code [2, 2]} for x4. */
    public int[] stageScales() {
        return scale == 4 ? new int[] {2, 2} : new int[] {scale};
    }
}
