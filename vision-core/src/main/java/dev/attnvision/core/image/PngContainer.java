package dev.attnvision.core.image;

import java.util.zip.CRC32;

/**
 * The PNG chunk layout (PNG spec, section 5): signature, IHDR first with width and height, chunks with CRCs,
 * IEND last. Checked in full before decoding so that truncated or damaged files are refused with a clear
 * reason instead of reaching libpng (which prints to the process's stderr).
 */
final class PngContainer {
    private static final long IHDR = 0x49484452L;
    private static final long IEND = 0x49454E44L;

    private PngContainer() {}

    /** Width and height from IHDR. */
    static ImageHeader header(byte[] bytes) throws ImageReadException {
        HeaderBytes h = new HeaderBytes(bytes, "PNG");
        if (h.u32be(12) != IHDR) {
            throw h.corrupt("the first chunk is not IHDR");
        }
        return new ImageHeader(ImageFormat.PNG, h.u32be(16), h.u32be(20));
    }

    /** Walks every chunk, checking lengths and CRCs, up to IEND. */
    static void verify(byte[] bytes) throws ImageReadException {
        HeaderBytes h = new HeaderBytes(bytes, "PNG");
        CRC32 crc = new CRC32();
        int at = 8;
        while (true) {
            long length = h.u32be(at);
            long type = h.u32be(at + 4);
            if (length > Integer.MAX_VALUE || at + 12 + length > bytes.length) {
                throw h.truncated();
            }
            crc.reset();
            crc.update(bytes, at + 4, 4 + (int) length);
            if (crc.getValue() != h.u32be(at + 8 + (int) length)) {
                throw h.corrupt("checksum mismatch in chunk " + chunkName(bytes, at + 4) + " (damaged data)");
            }
            at += 12 + (int) length;
            if (type == IEND) {
                return;
            }
        }
    }

    private static String chunkName(byte[] b, int at) {
        return new String(b, at, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
