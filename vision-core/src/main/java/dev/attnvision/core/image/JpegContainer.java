package dev.attnvision.core.image;

/**
 * The JPEG marker layout (ITU T.81, annex B): segments with lengths, the frame header (SOFn) with the
 * dimensions, entropy-coded scans, and EOI at the end. libjpeg decodes a truncated file "successfully" by
 * filling the missing rows with grey, so completeness is checked here by walking to EOI.
 */
final class JpegContainer {
    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;

    private JpegContainer() {}

    /** Width and height from the first frame header; fails on files without one. */
    static ImageHeader header(byte[] bytes) throws ImageReadException {
        HeaderBytes h = new HeaderBytes(bytes, "JPEG");
        int at = 2;
        while (true) {
            at = markerEnd(h, at);
            int marker = h.u8(at - 1);
            if (marker == SOS || marker == EOI) {
                throw h.corrupt("no frame header before the image data");
            }
            if (isStartOfFrame(marker)) {
                int height = h.u16be(at + 3);
                int width = h.u16be(at + 5);
                if (height == 0) {
                    throw new ImageReadException("unsupported JPEG: the height is given after the image data (DNL marker)");
                }
                return new ImageHeader(ImageFormat.JPEG, width, height);
            }
            at += h.u16be(at);
        }
    }

    /** Walks all segments and scans; fails unless the end-of-image marker is reached. */
    static void verify(byte[] bytes) throws ImageReadException {
        HeaderBytes h = new HeaderBytes(bytes, "JPEG");
        int at = 2;
        while (true) {
            at = markerEnd(h, at);
            int marker = h.u8(at - 1);
            if (marker == EOI) {
                return;
            }
            if (marker == SOI || marker >= 0xD0 && marker <= 0xD7) {
                continue;
            }
            at += h.u16be(at);
            if (marker == SOS) {
                at = skipEntropyCodedData(h, at);
            }
        }
    }

    /** Returns the position of the first 0xFF that starts a real marker after scan data. */
    private static int skipEntropyCodedData(HeaderBytes h, int at) throws ImageReadException {
        while (true) {
            if (h.u8(at) != 0xFF) {
                at++;
                continue;
            }
            int next = h.u8(at + 1);
            if (next == 0x00 || next >= 0xD0 && next <= 0xD7) {
                at += 2;
            } else if (next == 0xFF) {
                at++;
            } else {
                return at;
            }
        }
    }

    /** The position just after the marker starting at {@code at} (fill bytes skipped); the code is the byte before. */
    private static int markerEnd(HeaderBytes h, int at) throws ImageReadException {
        if (h.u8(at) != 0xFF) {
            throw h.corrupt("expected a marker at byte " + at);
        }
        int p = at + 1;
        while (h.u8(p) == 0xFF) {
            p++;
        }
        return p + 1;
    }

    private static boolean isStartOfFrame(int m) {
        return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
    }
}
