package dev.attnvision.core.detect.neck;

/**
 * Width and options of {@link Fpn}.
 *
 * @param channels channels of every pyramid level
 * @param extraLevels whether P6 and P7 (strides 64, 128) are added above P5
 * @param alignedAttention whether C5's lateral connection is HAR-Net aligned attention (a deformable 3x3
 *     convolution) instead of a 1x1 convolution
 */
public record FpnConfig(int channels, boolean extraLevels, boolean alignedAttention) {
    public FpnConfig {
        if (channels < 1) {
            throw new IllegalArgumentException("FPN channels must be positive, got " + channels);
        }
    }

    /** Number of output levels: 3 (P3-P5) or 5 (P3-P7). */
    public int levels() {
        return extraLevels ? 5 : 3;
    }
}
