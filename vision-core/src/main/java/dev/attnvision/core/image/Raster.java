package dev.attnvision.core.image;

import java.util.Arrays;

/**
 * An image in memory, independent of OpenCV: interleaved HWC float samples on the 0..255 scale, channels in
 * R, G, B(, A) order (1 channel for grayscale). 16-bit images keep their precision as fractional values
 * (sample / 257) and remember {@code bitDepth == 16} so they are written back as 16-bit.
 *
 * @param width pixels per row, at least 1
 * @param height rows, at least 1
 * @param channels 1 (gray), 3 (RGB) or 4 (RGBA)
 * @param bitDepth 8 or 16: the depth the image was read with and is written with
 * @param data {@code height * width * channels} samples, row-major, channels interleaved
 */
public record Raster(int width, int height, int channels, int bitDepth, float[] data) {
    public Raster {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (channels != 1 && channels != 3 && channels != 4) {
            throw new IllegalArgumentException("channels must be 1, 3 or 4, got " + channels);
        }
        if (bitDepth != 8 && bitDepth != 16) {
            throw new IllegalArgumentException("bit depth must be 8 or 16, got " + bitDepth);
        }
        if (data.length != (long) width * height * channels) {
            throw new IllegalArgumentException("expected " + (long) width * height * channels + " samples for "
                    + width + "x" + height + "x" + channels + ", got " + data.length);
        }
    }

    /** A black 8-bit image. */
    public static Raster blank(int width, int height, int channels) {
        return new Raster(width, height, channels, 8, new float[width * height * channels]);
    }

    /** Sample at row {@code y}, column {@code x}, channel {@code c}. */
    public float get(int y, int x, int c) {
        return data[(y * width + x) * channels + c];
    }

    /** Sets the sample at row {@code y}, column {@code x}, channel {@code c}. */
    public void set(int y, int x, int c, float value) {
        data[(y * width + x) * channels + c] = value;
    }

    /** A copy of the {@code width} x {@code height} rectangle whose top-left pixel is ({@code x}, {@code y}). */
    public Raster region(int x, int y, int width, int height) {
        checkRectangle(x, y, width, height);
        int rowLength = width * channels;
        float[] out = new float[height * rowLength];
        for (int row = 0; row < height; row++) {
            System.arraycopy(data, ((y + row) * this.width + x) * channels, out, row * rowLength, rowLength);
        }
        return new Raster(width, height, channels, bitDepth, out);
    }

    /** Copies {@code part} (same channel count) into this image with its top-left pixel at ({@code x}, {@code y}). */
    public void put(Raster part, int x, int y) {
        if (part.channels != channels) {
            throw new IllegalArgumentException("cannot put " + part + " into " + this + ": channel counts differ");
        }
        checkRectangle(x, y, part.width, part.height);
        int rowLength = part.width * channels;
        for (int row = 0; row < part.height; row++) {
            System.arraycopy(part.data, row * rowLength, data, ((y + row) * width + x) * channels, rowLength);
        }
    }

    private void checkRectangle(int x, int y, int w, int h) {
        if (x < 0 || y < 0 || w < 1 || h < 1 || x + w > width || y + h > height) {
            throw new IllegalArgumentException("rectangle " + w + "x" + h + " at (" + x + ", " + y + ") is not inside "
                    + this);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Raster r && r.width == width && r.height == height && r.channels == channels
                && r.bitDepth == bitDepth && Arrays.equals(r.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * width + height) + channels) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Raster[" + width + "x" + height + "x" + channels + ", " + bitDepth + "-bit]";
    }
}
