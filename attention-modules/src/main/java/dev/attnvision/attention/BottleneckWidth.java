package dev.attnvision.attention;

/** The hidden width of the channel-attention MLPs: C / r (floor), but at least a minimum. */
final class BottleneckWidth {

    private BottleneckWidth() {}

    /**
     * Computes {@code max(channels / reduction, minHidden)} after checking the values.
     *
     * @param channels C, at least 1
     * @param reduction r, at least 1
     * @param minHidden the floor, at least 1
     * @param block the block's name, for messages
     * @return the hidden width
     */
    static int of(int channels, int reduction, int minHidden, String block) {
        NchwShapes.requireChannels(channels, block);
        if (reduction < 1) {
            throw new IllegalArgumentException(
                    block + ": reduction must be at least 1, got " + reduction);
        }
        if (minHidden < 1) {
            throw new IllegalArgumentException(
                    block + ": minHidden must be at least 1, got " + minHidden);
        }
        return Math.max(channels / reduction, minHidden);
    }
}
