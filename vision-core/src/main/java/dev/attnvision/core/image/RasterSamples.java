package dev.attnvision.core.image;

import java.nio.ByteBuffer;

/**
 * How a {@link Raster} holds its samples. Decoded images keep the integers they were read with, 8-bit images as
 * bytes and 16-bit images as shorts ({@link #atDepth}), so a photo takes one or two bytes per sample in memory
 * instead of four, from decoding to encoding; images computed by resampling, augmentation or a network are floats.
 * Bytes live outside the Java heap (a direct buffer) so that OpenCV decodes into them and encodes from them, and the
 * engine reads them, without a copy: an upscaled photo of hundreds of megabytes exists once.
 * Every kind is read and written on the same 0..255 scale: a 16-bit sample {@code s} reads as {@code s / 257}, and
 * writing to an integer kind rounds half to even and clamps, as OpenCV's {@code convertTo} does when an image is
 * encoded, so an image stored as integers is the image that would have been written.
 */
public sealed interface RasterSamples permits RasterSamples.Bytes, RasterSamples.Shorts, RasterSamples.Floats {
    /** Zeros stored as the integers of {@code bitDepth}: bytes for 8, shorts for 16. */
    static RasterSamples atDepth(int bitDepth, int length) {
        return switch (bitDepth) {
            case 8 -> new Bytes(ByteBuffer.allocateDirect(length));
            case 16 -> new Shorts(new short[length]);
            default -> throw new IllegalArgumentException("bit depth must be 8 or 16, got " + bitDepth);
        };
    }

    /** The number of samples. */
    int length();

    /** Sample {@code index} on the 0..255 scale. */
    float get(int index);

    /** Stores {@code value} (0..255 scale) at {@code index}, rounded and clamped by an integer kind. */
    void set(int index, float value);

    /** Zeros of the same kind. */
    RasterSamples newOfLength(int length);

    /** All samples as floats on the 0..255 scale: a new array. */
    default float[] toFloats() {
        float[] out = new float[length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = get(i);
        }
        return out;
    }

    /**
     * Copies {@code length} samples of {@code source} from {@code sourceIndex} to {@code targetIndex} here, as
     * {@link #set} stores them (a bulk copy between samples of the same kind).
     */
    default void copyFrom(RasterSamples source, int sourceIndex, int targetIndex, int length) {
        if (source instanceof Bytes from && this instanceof Bytes to) {
            to.values().put(targetIndex, from.values(), sourceIndex, length);
        } else if (source instanceof Shorts from && this instanceof Shorts to) {
            System.arraycopy(from.values(), sourceIndex, to.values(), targetIndex, length);
        } else if (source instanceof Floats from && this instanceof Floats to) {
            System.arraycopy(from.values(), sourceIndex, to.values(), targetIndex, length);
        } else {
            convertFrom(source, sourceIndex, targetIndex, length);
        }
    }

    private void convertFrom(RasterSamples source, int sourceIndex, int targetIndex, int length) {
        for (int i = 0; i < length; i++) {
            set(targetIndex + i, source.get(sourceIndex + i));
        }
    }

    /** 8-bit samples, {@code value & 0xFF}, in a buffer read and written by index (its position is not used). */
    record Bytes(ByteBuffer values) implements RasterSamples {
        @Override
        public int length() {
            return values.capacity();
        }

        @Override
        public float get(int index) {
            return values.get(index) & 0xFF;
        }

        @Override
        public void set(int index, float value) {
            values.put(index, (byte) (int) Math.min(255, Math.max(0, Math.rint(value))));
        }

        @Override
        public RasterSamples newOfLength(int length) {
            return RasterSamples.atDepth(8, length);
        }

    }

    /** 16-bit samples: {@code (value & 0xFFFF) / 257} on the 0..255 scale. */
    record Shorts(short[] values) implements RasterSamples {
        /** OpenCV's factor from 16-bit to the 0..255 scale, in float as its {@code convertTo} applies it. */
        private static final float TO_EIGHT_BIT_SCALE = (float) (1.0 / 257.0);
        private static final float TO_SIXTEEN_BIT = 257f;

        @Override
        public int length() {
            return values.length;
        }

        @Override
        public float get(int index) {
            return (values[index] & 0xFFFF) * TO_EIGHT_BIT_SCALE;
        }

        @Override
        public void set(int index, float value) {
            values[index] = (short) (int) Math.min(65535, Math.max(0, Math.rint(value * TO_SIXTEEN_BIT)));
        }

        @Override
        public RasterSamples newOfLength(int length) {
            return new Shorts(new short[length]);
        }

    }

    /** Float samples on the 0..255 scale, stored as given (fractions and values outside 0..255 included). */
    record Floats(float[] values) implements RasterSamples {
        @Override
        public int length() {
            return values.length;
        }

        @Override
        public float get(int index) {
            return values[index];
        }

        @Override
        public void set(int index, float value) {
            values[index] = value;
        }

        @Override
        public RasterSamples newOfLength(int length) {
            return new Floats(new float[length]);
        }

        @Override
        public float[] toFloats() {
            return values.clone();
        }

    }
}
