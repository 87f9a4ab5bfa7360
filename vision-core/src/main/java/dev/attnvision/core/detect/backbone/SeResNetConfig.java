package dev.attnvision.core.detect.backbone;

import java.util.List;

/**
 * Widths, depths and attention switches of {@link SeResNet}.
 *
 * @param stemChannels channels of the stride-2 stem convolution
 * @param stageChannels channels of the four stages (strides 4, 8, 16, 32)
 * @param stageBlocks residual blocks per stage, each at least 1
 * @param squeezeExcitation whether every residual block ends with squeeze-excitation
 * @param seReduction the squeeze-excitation reduction ratio
 * @param spatialAttention whether every residual block also applies CBAM spatial attention
 * @param selfAttention whether multi-head self-attention follows the last (stride-32) stage
 * @param selfAttentionHeads heads of that self-attention, dividing the last stage's channels
 */
public record SeResNetConfig(int stemChannels, List<Integer> stageChannels, List<Integer> stageBlocks,
        boolean squeezeExcitation, int seReduction, boolean spatialAttention, boolean selfAttention,
        int selfAttentionHeads) {
    public SeResNetConfig {
        stageChannels = List.copyOf(stageChannels);
        stageBlocks = List.copyOf(stageBlocks);
        if (stemChannels < 1 || stageChannels.size() != 4 || stageBlocks.size() != 4
                || stageChannels.stream().anyMatch(c -> c < 1) || stageBlocks.stream().anyMatch(b -> b < 1)) {
            throw new IllegalArgumentException("SeResNet needs a positive stem width and 4 stages of positive widths "
                    + "and depths, got stem " + stemChannels + ", widths " + stageChannels + ", depths " + stageBlocks);
        }
        if (seReduction < 1) {
            throw new IllegalArgumentException("seReduction must be at least 1, got " + seReduction);
        }
        if (selfAttention && (selfAttentionHeads < 1 || stageChannels.get(3) % selfAttentionHeads != 0)) {
            throw new IllegalArgumentException("self-attention heads must divide the last stage's "
                    + stageChannels.get(3) + " channels, got " + selfAttentionHeads);
        }
    }

    /** A small CPU-sized network: stem 16, widths 24/48/96/192, depths 1/2/2/1, SE and CBAM spatial, MHSA. */
    public static SeResNetConfig small() {
        return new SeResNetConfig(16, List.of(24, 48, 96, 192), List.of(1, 2, 2, 1), true, 16, true, true, 4);
    }

    /** The same widths and depths without any attention: a plain ResNet. */
    public SeResNetConfig withoutAttention() {
        return new SeResNetConfig(stemChannels, stageChannels, stageBlocks, false, seReduction, false, false,
                selfAttentionHeads);
    }

    /** Channels of the outputs C3, C4, C5 (strides 8, 16, 32). */
    public List<Integer> outputChannels() {
        return stageChannels.subList(1, 4);
    }
}
