package dev.attnvision.core.image;

/**
 * The TIFF 6.0 header and first image file directory: tags 256 (ImageWidth) and 257 (ImageLength), stored
 * as SHORT or LONG, in the byte order the header announces. BigTIFF is refused.
 */
final class TiffHeader {
    private static final int IMAGE_WIDTH = 256;
    private static final int IMAGE_LENGTH = 257;
    private static final int TYPE_SHORT = 3;

    private TiffHeader() {}

    static ImageHeader header(byte[] bytes) throws ImageReadException {
        HeaderBytes h = new HeaderBytes(bytes, "TIFF");
        boolean little = bytes[0] == 'I';
        if (u16(h, little, 2) == 43) {
            throw new ImageReadException("unsupported TIFF variant: BigTIFF (save it as a classic TIFF or PNG)");
        }
        long ifd = u32(h, little, 4);
        if (ifd > Integer.MAX_VALUE - 2) {
            throw h.truncated();
        }
        int entries = u16(h, little, (int) ifd);
        long width = -1;
        long height = -1;
        for (int i = 0; i < entries; i++) {
            int at = (int) ifd + 2 + 12 * i;
            int tag = u16(h, little, at);
            if (tag == IMAGE_WIDTH || tag == IMAGE_LENGTH) {
                long value = u16(h, little, at + 2) == TYPE_SHORT ? u16(h, little, at + 8) : u32(h, little, at + 8);
                if (tag == IMAGE_WIDTH) {
                    width = value;
                } else {
                    height = value;
                }
            }
        }
        if (width < 0 || height < 0) {
            throw h.corrupt("the first directory has no image width or length");
        }
        return new ImageHeader(ImageFormat.TIFF, width, height);
    }

    private static int u16(HeaderBytes h, boolean little, int at) throws ImageReadException {
        return little ? h.u16le(at) : h.u16be(at);
    }

    private static long u32(HeaderBytes h, boolean little, int at) throws ImageReadException {
        return little ? h.u32le(at) : h.u32be(at);
    }
}
