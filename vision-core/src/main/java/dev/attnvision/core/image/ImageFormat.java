package dev.attnvision.core.image;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The image file formats attnvision knows: recognised from their first bytes (never from the file name),
 * with what OpenCV 4.9 can decode and encode for each.
 */
public enum ImageFormat {
    PNG("PNG", List.of("png"), true, true, true),
    JPEG("JPEG", List.of("jpg", "jpeg", "jpe", "jfif"), true, false, false),
    WEBP("WebP", List.of("webp"), true, false, true),
    TIFF("TIFF", List.of("tif", "tiff"), true, true, true),
    BMP("BMP", List.of("bmp", "dib"), false, false, true),
    PNM("PNM", List.of("pbm", "pgm", "ppm", "pnm"), false, true, false),
    /** Recognised only to say clearly that it is not supported (OpenCV 4.9 has no GIF decoder). */
    GIF("GIF", List.of("gif"), false, false, false);

    private final String displayName;
    private final List<String> extensions;
    private final boolean writable;
    private final boolean sixteenBit;
    private final boolean alpha;

    ImageFormat(String displayName, List<String> extensions, boolean writable, boolean sixteenBit, boolean alpha) {
        this.displayName = displayName;
        this.extensions = extensions;
        this.writable = writable;
        this.sixteenBit = sixteenBit;
        this.alpha = alpha;
    }

    /** Human name, e.g. "JPEG". */
    public String displayName() {
        return displayName;
    }

    /** The extension used for files attnvision writes (the first of the format's extensions). */
    public String extension() {
        return extensions.get(0);
    }

    /** Whether attnvision can decode this format. */
    public boolean readable() {
        return this != GIF;
    }

    /** Whether attnvision offers this format for output ({@code --format}). */
    public boolean writable() {
        return writable;
    }

    /** Whether files of this format can hold 16 bits per sample (as written by OpenCV). */
    public boolean supports16Bit() {
        return sixteenBit;
    }

    /** Whether files of this format can hold an alpha channel (as written by OpenCV). */
    public boolean supportsAlpha() {
        return alpha;
    }

    /** The format with extension {@code ext} (case-insensitive, with or without a dot). */
    public static Optional<ImageFormat> fromExtension(String ext) {
        String e = ext.toLowerCase(Locale.ROOT);
        String bare = e.startsWith(".") ? e.substring(1) : e;
        for (ImageFormat f : values()) {
            if (f.extensions.contains(bare)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** All extensions of the readable formats: the default input filter. */
    public static List<String> readableExtensions() {
        return Arrays.stream(values()).filter(ImageFormat::readable)
                .flatMap(f -> f.extensions.stream()).toList();
    }

    /** Recognises the format from the file signature, or empty if the bytes are not a known image format. */
    public static Optional<ImageFormat> sniff(byte[] b) {
        if (startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P')) {
            return Optional.of(WEBP);
        }
        if (startsWith(b, 0, 'I', 'I', 42, 0) || startsWith(b, 0, 'M', 'M', 0, 42)
                || startsWith(b, 0, 'I', 'I', 43, 0) || startsWith(b, 0, 'M', 'M', 0, 43)) {
            return Optional.of(TIFF);
        }
        if (startsWith(b, 0, 'B', 'M') && b.length >= 18) {
            return Optional.of(BMP);
        }
        if (b.length >= 3 && b[0] == 'P' && b[1] >= '1' && b[1] <= '6' && Character.isWhitespace(b[2])) {
            return Optional.of(PNM);
        }
        if (startsWith(b, 0, 'G', 'I', 'F', '8')) {
            return Optional.of(GIF);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] b, int offset, int... expected) {
        if (b.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
