package dev.attnvision.core.detect.head;

/**
 * Width, depth and attention switches of {@link HarRetinaHead}.
 *
 * @param channels channels of the towers (equal to the FPN's)
 * @param towerDepth 3x3 convolution + GroupNorm + ReLU layers per tower (RetinaNet: 4)
 * @param normGroups GroupNorm groups, dividing channels
 * @param spatialAttention whether HAR-Net spatial attention gates both towers, adding the attention head
 * @param channelAttention whether HAR-Net cross-level channel attention reweights the pyramid first
 * @param priorProbability the initial foreground probability of every class output (RetinaNet: 0.01)
 */
public record HeadConfig(int channels, int towerDepth, int normGroups, boolean spatialAttention,
        boolean channelAttention, float priorProbability) {
    public HeadConfig {
        if (channels < 1 || towerDepth < 0 || normGroups < 1 || channels % normGroups != 0) {
            throw new IllegalArgumentException("head needs positive channels divisible by normGroups and towerDepth"
                    + " >= 0, got channels " + channels + ", groups " + normGroups + ", depth " + towerDepth);
        }
        if (!(priorProbability > 0 && priorProbability < 1)) {
            throw new IllegalArgumentException("prior probability must be in (0, 1), got " + priorProbability);
        }
    }
}
