package dev.attnvision.core.image;

/**
 * How to write an image file.
 *
 * @param format a writable format
 * @param quality 1 to 100; used by JPEG and WebP (lossy), ignored by the lossless formats
 */
public record Encoding(ImageFormat format, int quality) {
    /** The quality used when none is given: visually lossless for photos. */
    public static final int DEFAULT_QUALITY = 95;

    public Encoding {
        if (!format.writable()) {
            throw new IllegalArgumentException("cannot write " + format.displayName() + " files; use png, jpg, webp or tif");
        }
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("quality must be 1 to 100, got " + quality);
        }
    }

    /** {@code format} at the default quality. */
    public static Encoding of(ImageFormat format) {
        return new Encoding(format, DEFAULT_QUALITY);
    }
}
