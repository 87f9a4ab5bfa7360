package dev.attnvision.core.image;

/**
 * An image in memory, independent of OpenCV: interleaved HWC samples on the 0..255 scale, channels in R, G, B(, A)
 * order (1 channel for grayscale). Decoded images keep their integers ({@link RasterSamples}: bytes for 8-bit,
 * shorts for 16-bit, whose samples read as fractional values {@code s / 257}); computed images hold floats.
 * {@code bitDepth} is the depth the image was read with and is written with.
 *
 * @param width pixels per row, at least 1
 * @param height rows, at least 1
 * @param channels 1 (gray), 3 (RGB) or 4 (RGBA)
 * @param bitDepth 8 or 16: the depth the image was read with and is written with
 * @param samples {@code height * width * channels} samples, row-major, channels interleaved
 */
public record Raster(int width, int height, int channels, int bitDepth, RasterSamples samples) {
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
        if (samples.length() != (long) width * height * channels) {
            throw new IllegalArgumentException("expected " + (long) width * height * channels + " samples for "
                    + width + "x" + height + "x" + channels + ", got " + samples.length());
        }
    }

    /** An image of float samples. */
    public Raster(int width, int height, int channels, int bitDepth, float[] data) {
        this(width, height, channels, bitDepth, new RasterSamples.Floats(data));
    }

    /** A black image stored as its depth's integers (bytes or shorts): what is written, held in its own size. */
    public static Raster atDepth(int width, int height, int channels, int bitDepth) {
        return new Raster(width, height, channels, bitDepth,
                RasterSamples.atDepth(bitDepth, Math.multiplyExact(Math.multiplyExact(width, height), channels)));
    }

    /** A black 8-bit image of float samples. */
    public static Raster blank(int width, int height, int channels) {
        return new Raster(width, height, channels, 8, new float[width * height * channels]);
    }

    /**
     * The samples as floats, row-major with channels interleaved: the array itself for an image of float samples
     * (writes go to the image), a new array otherwise. Call it once per use, not per sample.
     */
    public float[] floats() {
        return samples instanceof RasterSamples.Floats f ? f.values() : samples.toFloats();
    }

    /** Sample at row {@code y}, column {@code x}, channel {@code c}. */
    public float get(int y, int x, int c) {
        return samples.get((y * width + x) * channels + c);
    }

    /** Sets the sample at row {@code y}, column {@code x}, channel {@code c} (rounded if stored as integers). */
    public void set(int y, int x, int c, float value) {
        samples.set((y * width + x) * channels + c, value);
    }

    /** A copy, stored alike, of the {@code width} x {@code height} rectangle whose top-left pixel is ({@code x}, {@code y}). */
    public Raster region(int x, int y, int width, int height) {
        checkRectangle(x, y, width, height);
        int rowLength = width * channels;
        RasterSamples out = samples.newOfLength(height * rowLength);
        for (int row = 0; row < height; row++) {
            out.copyFrom(samples, ((y + row) * this.width + x) * channels, row * rowLength, rowLength);
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
            samples.copyFrom(part.samples, row * rowLength, ((y + row) * width + x) * channels, rowLength);
        }
    }

    /**
     * Writes the colour of an RGB {@code part} into this image at ({@code x}, {@code y}) in this image's own
     * channels: RGB as it is, grey as the mean of R, G and B (exact for grey widened by {@link
     * RasterChannels#rgb}), and RGB beside an alpha channel that is left as it is.
     */
    public void putColour(Raster part, int x, int y) {
        if (part.channels != 3) {
            throw new IllegalArgumentException("expected an RGB part, got " + part);
        }
        if (channels == 3) {
            put(part, x, y);
            return;
        }
        checkRectangle(x, y, part.width, part.height);
        RasterSamples rgb = part.samples;
        for (int row = 0; row < part.height; row++) {
            for (int col = 0; col < part.width; col++) {
                int from = (row * part.width + col) * 3;
                int to = ((y + row) * width + x + col) * channels;
                if (channels == 1) {
                    samples.set(to, (rgb.get(from) + rgb.get(from + 1) + rgb.get(from + 2)) / 3f);
                } else {
                    samples.copyFrom(rgb, from, to, 3);
                }
            }
        }
    }

    /** Writes a one-channel image of this image's size into channel {@code channel}. */
    public void putChannel(int channel, Raster plane) {
        if (plane.channels != 1 || plane.width != width || plane.height != height || channel < 0 || channel >= channels) {
            throw new IllegalArgumentException("cannot put " + plane + " into channel " + channel + " of " + this);
        }
        int pixels = width * height;
        for (int p = 0; p < pixels; p++) {
            samples.set(p * channels + channel, plane.samples.get(p));
        }
    }

    private void checkRectangle(int x, int y, int w, int h) {
        if (x < 0 || y < 0 || w < 1 || h < 1 || x + w > width || y + h > height) {
            throw new IllegalArgumentException("rectangle " + w + "x" + h + " at (" + x + ", " + y + ") is not inside "
                    + this);
        }
    }

    /** Equal size, channels, depth and sample values, however they are stored. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Raster r && r.width == width && r.height == height && r.channels == channels
                && r.bitDepth == bitDepth)) {
            return false;
        }
        for (int i = 0; i < samples.length(); i++) {
            if (Float.floatToIntBits(samples.get(i)) != Float.floatToIntBits(r.samples.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 31 * (31 * width + height) + channels;
        for (int i = 0; i < samples.length(); i++) {
            hash = 31 * hash + Float.floatToIntBits(samples.get(i));
        }
        return hash;
    }

    @Override
    public String toString() {
        return "Raster[" + width + "x" + height + "x" + channels + ", " + bitDepth + "-bit]";
    }
}
