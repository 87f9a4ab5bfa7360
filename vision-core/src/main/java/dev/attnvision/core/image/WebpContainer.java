package dev.attnvision.core.image;

/**
 * The WebP RIFF container (Google's "WebP Container Specification"): the RIFF size must fit the file, and the
 * first chunk is VP8 (lossy), VP8L (lossless) or VP8X (extended, with the canvas size).
 */
final class WebpContainer {
    private WebpContainer() {}

    static ImageHeader header(byte[] bytes) throws ImageReadException {
        HeaderBytes h = new HeaderBytes(bytes, "WebP");
        if (8 + h.u32le(4) > bytes.length) {
            throw h.truncated();
        }
        String chunk = new String(bytes, 12, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
        return switch (chunk) {
            case "VP8 " -> {
                if (h.u8(23) != 0x9D || h.u8(24) != 0x01 || h.u8(25) != 0x2A) {
                    throw h.corrupt("bad VP8 start code");
                }
                yield new ImageHeader(ImageFormat.WEBP, h.u16le(26) & 0x3FFF, h.u16le(28) & 0x3FFF);
            }
            case "VP8L" -> {
                if (h.u8(20) != 0x2F) {
                    throw h.corrupt("bad VP8L signature");
                }
                long bits = h.u32le(21);
                yield new ImageHeader(ImageFormat.WEBP, (bits & 0x3FFF) + 1, (bits >> 14 & 0x3FFF) + 1);
            }
            case "VP8X" -> new ImageHeader(ImageFormat.WEBP,
                    (h.u16le(24) | h.u8(26) << 16) + 1L, (h.u16le(27) | h.u8(29) << 16) + 1L);
            default -> throw h.corrupt("unknown first chunk '" + chunk.strip() + "'");
        };
    }
}
