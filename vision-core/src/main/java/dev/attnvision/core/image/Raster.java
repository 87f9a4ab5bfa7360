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

    /**
     * A copy of the {@code width x height} region whose top-left pixel is {@code (x, y)}.
     *
     * @throws IllegalArgumentException if the region is empty or reaches outside the image
     */
    public Raster region(int x, int y, int width, int height) {
        if (width < 1 || height < 1 || x < 0 || y < 0 || x + width > this.width || y + height > this.height) {
            throw new IllegalArgumentException("region " + width + "x" + height + " at (" + x + ", " + y
                    + ") is empty or outside the " + this.width + "x" + this.height + " image");
        }
        int rowLength = width * channels;
        float[] out = new float[height * rowLength];
        for (int row = 0; row < height; row++) {
            System.arraycopy(data, ((y + row) * this.width + x) * channels, out, row * rowLength, rowLength);
        }
        return new Raster(width, height, channels, bitDepth, out);
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
