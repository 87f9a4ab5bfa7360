package dev.attnvision.core.image;

/**
 * What a file's header says about the image, read without decoding any pixels; used to refuse decompression
 * bombs before a single pixel buffer is allocated.
 *
 * @param format the recognised format
 * @param width pixels per row as declared
 * @param height rows as declared
 */
public record ImageHeader(ImageFormat format, long width, long height) {

    /** Declared number of pixels. */
    public long pixels() {
        return width * height;
    }

    /**
     * Reads the header of an image file held in memory.
     *
     * @throws ImageReadException if the bytes are empty, not a known image format, of an unsupported format, or
     *     their header is truncated or corrupt
     */
    public static ImageHeader probe(byte[] bytes) throws ImageReadException {
        if (bytes.length == 0) {
            throw new ImageReadException("empty file (0 bytes)");
        }
        ImageFormat format = ImageFormat.sniff(bytes).orElseThrow(() -> notAnImage(bytes));
        ImageHeader header = switch (format) {
            case PNG -> PngContainer.header(bytes);
            case JPEG -> JpegContainer.header(bytes);
            case WEBP -> WebpContainer.header(bytes);
            case TIFF -> TiffHeader.header(bytes);
            case BMP -> BmpHeader.header(bytes);
            case PNM -> PnmHeader.header(bytes);
            case GIF -> throw new ImageReadException("unsupported format: GIF (convert it to PNG first)");
        };
        if (header.width < 1 || header.height < 1) {
            throw new ImageReadException("corrupt " + format.displayName() + " header: it declares a "
                    + header.width + "x" + header.height + " image");
        }
        return header;
    }

    private static ImageReadException notAnImage(byte[] bytes) {
        int n = Math.min(bytes.length, 512);
        int printable = 0;
        for (int i = 0; i < n; i++) {
            int c = bytes[i] & 0xFF;
            if (c == '\n' || c == '\r' || c == '\t' || c >= 0x20 && c < 0x7F || c >= 0x80) {
                printable++;
            }
        }
        String what = printable == n ? "text file, not an image" : "not an image (unrecognised file signature)";
        return new ImageReadException(what + "; supported formats: PNG, JPEG, WebP, TIFF, BMP, PNM");
    }
}
