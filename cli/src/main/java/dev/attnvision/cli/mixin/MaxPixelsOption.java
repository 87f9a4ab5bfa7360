package dev.attnvision.cli.mixin;

import dev.attnvision.core.image.ImageCodec;
import picocli.CommandLine.Option;

/** {@code --max-pixels N}: the decoder's limit, checked from the file's header before anything is decoded. */
public final class MaxPixelsOption {
    @Option(names = "--max-pixels", paramLabel = "N", converter = PixelCountConverter.class,
            description = "Refuse images larger than this, checked before decoding (default: 100M; 250M, 1G... accepted).")
    long maxPixels = ImageCodec.DEFAULT_MAX_PIXELS;

    /** The limit in pixels. */
    public long maxPixels() {
        return maxPixels;
    }
}
