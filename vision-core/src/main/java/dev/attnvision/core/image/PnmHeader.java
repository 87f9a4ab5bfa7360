package dev.attnvision.core.image;

/** The Netpbm header (P1 to P6): magic, then width and height as ASCII decimals, with '#' comments allowed. */
final class PnmHeader {
    private PnmHeader() {}

    static ImageHeader header(byte[] bytes) throws ImageReadException {
        HeaderBytes h = new HeaderBytes(bytes, "PNM");
        int[] at = {2};
        long width = number(h, bytes, at);
        long height = number(h, bytes, at);
        return new ImageHeader(ImageFormat.PNM, width, height);
    }

    /** Reads the next decimal number from {@code at[0]}, skipping whitespace and comments, and advances it. */
    private static long number(HeaderBytes h, byte[] b, int[] at) throws ImageReadException {
        int p = at[0];
        while (true) {
            int c = h.u8(p);
            if (c == '#') {
                while (h.u8(p) != '\n') {
                    p++;
                }
            } else if (Character.isWhitespace(c)) {
                p++;
            } else {
                break;
            }
        }
        long value = 0;
        int digits = 0;
        while (p < b.length && b[p] >= '0' && b[p] <= '9' && digits < 10) {
            value = value * 10 + (b[p++] - '0');
            digits++;
        }
        if (digits == 0) {
            throw h.corrupt("expected the image size in the header");
        }
        at[0] = p;
        return value;
    }
}
