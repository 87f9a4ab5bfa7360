package dev.attnvision.core.image;

/** Bounds-checked reads of fixed-width integers from a file's bytes; running off the end means the file is truncated. */
final class HeaderBytes {
    private final byte[] b;
    private final String format;

    HeaderBytes(byte[] bytes, String format) {
        this.b = bytes;
        this.format = format;
    }

    int u8(int at) throws ImageReadException {
        check(at, 1);
        return b[at] & 0xFF;
    }

    int u16be(int at) throws ImageReadException {
        check(at, 2);
        return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
    }

    int u16le(int at) throws ImageReadException {
        check(at, 2);
        return (b[at + 1] & 0xFF) << 8 | b[at] & 0xFF;
    }

    long u32be(int at) throws ImageReadException {
        check(at, 4);
        return (long) u16be(at) << 16 | u16be(at + 2);
    }

    long u32le(int at) throws ImageReadException {
        check(at, 4);
        return (long) u16le(at + 2) << 16 | u16le(at);
    }

    ImageReadException truncated() {
        return new ImageReadException("truncated " + format + " file (it ends too early; was the download or copy interrupted?)");
    }

    ImageReadException corrupt(String what) {
        return new ImageReadException("corrupt " + format + " file: " + what);
    }

    private void check(int at, int n) throws ImageReadException {
        if (at < 0 || at > b.length - n) {
            throw truncated();
        }
    }
}
