package dev.attnvision.core.explain;

import dev.attnvision.core.image.CubicResize;
import dev.attnvision.core.image.Raster;
import java.util.List;

/**
 * What the user chose to see; each part applies to one network family.
 *
 * @param channel A2N: how each block's multi-channel mask becomes one plane
 * @param stages detector: the backbone stages (1 to 4) whose squeeze-excitation weights are charted
 * @param maxSide images with a longer side are reduced (bicubic, aspect kept) to this many pixels on their long side
 *     before the forward pass, which grows with the pixel count; at least {@value #MIN_SIDE}
 */
public record ExplainOptions(ChannelChoice channel, List<Integer> stages, int maxSide) {
    /** The smallest long side an image is reduced to. */
    public static final int MIN_SIDE = 8;

    public ExplainOptions {
        stages = List.copyOf(stages);
        if (maxSide < MIN_SIDE) {
            throw new IllegalArgumentException("the longest side to explain must be at least " + MIN_SIDE
                    + " pixels, got " + maxSide);
        }
    }

    /** {@code image}, reduced if its long side exceeds {@link #maxSide}. */
    public Raster fit(Raster image) {
        int longest = Math.max(image.width(), image.height());
        if (longest <= maxSide) {
            return image;
        }
        double scale = maxSide / (double) longest;
        return CubicResize.resize(image, Math.max(1, (int) Math.round(image.width() * scale)),
                Math.max(1, (int) Math.round(image.height() * scale)));
    }
}
