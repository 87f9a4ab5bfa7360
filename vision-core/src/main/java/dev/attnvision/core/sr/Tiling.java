package dev.attnvision.core.sr;

/**
 * How {@link TiledUpscaler} runs the network: tiles of at most {@code maxTile} input pixels a side, at most
 * {@code maxMemory} bytes of whole-image feature maps in memory (past that they go to a temporary file in {@code
 * java.io.tmpdir}), and the {@link Precision} of its convolutions. The context each tile needs is the network's own (each step of the sweep reads only what its
 * convolutions reach), so it is not a setting: the tiled result equals the whole-image one.
 *
 * <p>The automatic choice, {@link #automatic()}: tiles of at most {@value #AUTO_MAX_TILE} pixels (measured with
 * {@code attnvision bench sr}, README) and {@link #AUTO_MAX_MEMORY} bytes for the maps (two of 40 float channels for
 * the paper-size A2N, 320 bytes per input pixel: a 12 MP photo's take 3.8 GB), so photos up to about 3 MP keep them
 * in memory and larger ones in the page cache through files, and a 12 MP photo upscaled x4 runs in under 2 GB.
 *
 * @param maxTile the longest tile side in input pixels, or {@link #WHOLE_IMAGE} for no tiling
 * @param maxMemory the bytes of feature maps one image may keep in memory, at least 1
 * @param precision the numbers the convolutions run in
 */
public record Tiling(int maxTile, long maxMemory, Precision precision) implements java.io.Serializable {
    /** {@code maxTile} meaning: run the whole image at once (memory grows with the image). */
    public static final int WHOLE_IMAGE = 0;
    /** The automatic tile size limit. */
    public static final int AUTO_MAX_TILE = 128;
    /** The smallest tile allowed. */
    public static final int MIN_TILE = 16;
    /** The automatic memory budget for feature maps, 1 GiB. */
    public static final long AUTO_MAX_MEMORY = 1L << 30;

    public Tiling {
        if (maxTile != WHOLE_IMAGE && maxTile < MIN_TILE) {
            throw new IllegalArgumentException("the tile size must be at least " + MIN_TILE + " pixels (or "
                    + WHOLE_IMAGE + " for no tiling), got " + maxTile);
        }
        if (maxMemory < 1) {
            throw new IllegalArgumentException("the memory for feature maps must be at least 1 byte, got " + maxMemory);
        }
        java.util.Objects.requireNonNull(precision, "precision");
    }

    /** Tiles of at most {@code maxTile} pixels and {@code maxMemory} bytes of maps, in float32. */
    public Tiling(int maxTile, long maxMemory) {
        this(maxTile, maxMemory, Precision.FLOAT32);
    }

    /** Tiles of at most {@code maxTile} pixels with the automatic memory budget, in float32. */
    public Tiling(int maxTile) {
        this(maxTile, AUTO_MAX_MEMORY);
    }

    /** This tiling in another precision. */
    public Tiling withPrecision(Precision other) {
        return new Tiling(maxTile, maxMemory, other);
    }

    /** The default: tiles of at most {@value #AUTO_MAX_TILE} pixels, the automatic memory budget. */
    public static Tiling automatic() {
        return new Tiling(AUTO_MAX_TILE);
    }

    /** Whether the image is run whole. */
    public boolean wholeImage() {
        return maxTile == WHOLE_IMAGE;
    }

    @Override
    public String toString() {
        String tiles = wholeImage() ? "whole image" : "tiles of at most " + maxTile + " px";
        return precision == Precision.FLOAT32 ? tiles : tiles + ", " + precision;
    }
}
