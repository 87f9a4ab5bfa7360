package dev.attnvision.attention;

import ai.djl.ndarray.types.Shape;

/** Input checks shared by the blocks that take one (B, C, H, W) feature map. */
final class NchwShapes {

    private NchwShapes() {}

    /**
     * Checks that a shape is (B, channels, H, W).
     *
     * @param shape the input shape
     * @param channels the channel count the block was built for
     * @param block the block's name, for the message
     * @return the shape
     * @throws IllegalArgumentException if the rank or the channel count differ
     */
    static Shape require(Shape shape, long channels, String block) {
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException(
                    block + " expects a (B, C, H, W) input, got shape " + shape);
        }
        if (shape.get(1) != channels) {
            throw new IllegalArgumentException(block + " was built for " + channels
                    + " channels but the input shape " + shape + " has " + shape.get(1));
        }
        return shape;
    }

    /**
     * Checks a builder's channel count.
     *
     * @param channels the value set
     * @param block the block's name, for the message
     * @return the value
     */
    static int requireChannels(int channels, String block) {
        if (channels < 1) {
            throw new IllegalArgumentException(
                    block + ": channels must be at least 1, got " + channels);
        }
        return channels;
    }
}
