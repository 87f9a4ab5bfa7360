package dev.attnvision.core.sr;

/**
 * How {@link TiledUpscaler} cuts an image: tiles of at most {@code maxTile} input pixels a side, each run with
 * {@code pad} pixels of context on every side of which only the centre is kept (see {@link TileGrid}).
 *
 * <p>The automatic choice, {@link #automatic()}: tiles of at most {@value #AUTO_MAX_TILE} pixels and
 * {@value #DEFAULT_PAD} pixels of context. The tile size keeps each 40-channel float feature map of A2N's trunk
 * ({@code 160} bytes per pixel, about {@code 3.7 MB} for a {@value #AUTO_MAX_TILE}-pixel tile with its context)
 * near the 2 MB per-core L2 cache, where the official A2N runs at 66 % of this machine's peak against 42 % for
 * 512-pixel inputs, and keeps the network's working memory to tens of megabytes whatever the photo size; the
 * context costs {@code ((t + 2p) / t)^2 - 1}, about 40 %, of extra work. The padding is measured in
 * {@code TiledUpscalerTest} on the released x2 weights: A2N's 3x3 chains reach 36 pixels in theory, but 4 pixels
 * of context leave differences of 2 grey levels, 8 pixels 0.36 and 12 pixels 0.26.
 *
 * @param maxTile the longest tile side in input pixels, or {@link #WHOLE_IMAGE} for no tiling
 * @param pad context pixels on each side of a tile, 0 or more
 */
public record Tiling(int maxTile, int pad) {
    /** {@code maxTile} meaning: run the whole image at once (memory grows with the image). */
    public static final int WHOLE_IMAGE = 0;
    /** The automatic tile size limit. */
    public static final int AUTO_MAX_TILE = 128;
    /** The default context on each side of a tile. */
    public static final int DEFAULT_PAD = 12;
    /** The smallest tile allowed. */
    public static final int MIN_TILE = 16;

    public Tiling {
        if (maxTile != WHOLE_IMAGE && maxTile < MIN_TILE) {
            throw new IllegalArgumentException("the tile size must be at least " + MIN_TILE + " pixels (or "
                    + WHOLE_IMAGE + " for no tiling), got " + maxTile);
        }
        if (pad < 0) {
            throw new IllegalArgumentException("the tile padding must be 0 or more pixels, got " + pad);
        }
    }

    /** The default: tiles of at most {@value #AUTO_MAX_TILE} pixels with {@value #DEFAULT_PAD} pixels of context. */
    public static Tiling automatic() {
        return new Tiling(AUTO_MAX_TILE, DEFAULT_PAD);
    }

    /** Whether the image is run whole. */
    public boolean wholeImage() {
        return maxTile == WHOLE_IMAGE;
    }

    @Override
    public String toString() {
        return wholeImage() ? "whole image" : "tiles of at most " + maxTile + " px, padding " + pad + " px";
    }
}
