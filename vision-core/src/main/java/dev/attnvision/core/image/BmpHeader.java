package dev.attnvision.core.image;

/** The Windows bitmap file and DIB headers: the size lives in the DIB header (16-bit in the old OS/2 one). */
final class BmpHeader {
    private BmpHeader() {}

    static ImageHeader header(byte[] bytes) throws ImageReadException {
        HeaderBytes h = new HeaderBytes(bytes, "BMP");
        long declaredSize = h.u32le(2);
        if (declaredSize > bytes.length) {
            throw h.truncated();
        }
        if (h.u32le(14) == 12) {
            return new ImageHeader(ImageFormat.BMP, h.u16le(18), h.u16le(20));
        }
        int width = (int) h.u32le(18);
        int height = (int) h.u32le(22);
        return new ImageHeader(ImageFormat.BMP, Math.abs((long) width), Math.abs((long) height));
    }
}
