package dev.attnvision.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

class RasterSamplesTest {
    @Test
    void bytesRoundHalfToEvenAndClampAsOpenCvDoesWhenEncoding() {
        RasterSamples bytes = RasterSamples.atDepth(8, 6);
        float[] written = {2.5f, 3.5f, -3f, 300f, 200.49f, 254.5f};
        for (int i = 0; i < written.length; i++) {
            bytes.set(i, written[i]);
        }
        assertArrayEquals(new float[] {2, 4, 0, 255, 200, 254}, bytes.toFloats());
        byte[] stored = new byte[6];
        ((RasterSamples.Bytes) bytes).values().get(0, stored);
        assertArrayEquals(new byte[] {2, 4, 0, (byte) 255, (byte) 200, (byte) 254}, stored);
    }

    @Test
    void shortsHoldSixteenBitLevelsOnTheEightBitScale() {
        RasterSamples shorts = RasterSamples.atDepth(16, 4);
        shorts.set(0, 255f);
        shorts.set(1, 77.5f); // 19917.5 levels: half to even
        shorts.set(2, -1f);
        shorts.set(3, 1000f);
        assertArrayEquals(new short[] {(short) 65535, 19918, 0, (short) 65535}, ((RasterSamples.Shorts) shorts).values());
        assertEquals(255f, shorts.get(0), 1e-4f);
        assertEquals(19918 / 257f, shorts.get(1), 1e-5f);
    }

    @Test
    void copiesBetweenKindsRoundAndCopiesWithinAKindAreExact() {
        RasterSamples floats = new RasterSamples.Floats(new float[] {0.4f, 127.6f, 254.9f});
        RasterSamples bytes = RasterSamples.atDepth(8, 4);
        bytes.copyFrom(floats, 0, 1, 3);
        assertArrayEquals(new float[] {0, 0, 128, 255}, bytes.toFloats());
        RasterSamples again = bytes.newOfLength(2);
        again.copyFrom(bytes, 2, 0, 2);
        assertArrayEquals(new float[] {128, 255}, again.toFloats());
        RasterSamples back = floats.newOfLength(4);
        back.copyFrom(bytes, 0, 0, 4);
        assertArrayEquals(bytes.toFloats(), back.toFloats());
    }

    @Test
    void rastersAreEqualByValueHoweverStored() {
        Raster stored = Raster.atDepth(2, 1, 3, 8);
        float[] values = {0, 17, 255, 3, 128, 90};
        for (int i = 0; i < values.length; i++) {
            stored.samples().set(i, values[i]);
        }
        Raster floats = new Raster(2, 1, 3, 8, values);
        assertEquals(floats, stored);
        assertEquals(floats.hashCode(), stored.hashCode());
        assertArrayEquals(values, stored.floats());
        Raster corner = stored.region(1, 0, 1, 1);
        assertInstanceOf(RasterSamples.Bytes.class, corner.samples(), "a region is stored like its image");
        assertArrayEquals(new float[] {3, 128, 90}, corner.floats());
    }

    @Test
    void colourGoesIntoGreyAsTheMeanAndBesideAlphaWithoutTouchingIt() {
        Raster rgb = new Raster(1, 1, 3, 8, new float[] {10, 20, 31});
        Raster grey = Raster.atDepth(2, 1, 1, 8);
        grey.putColour(rgb, 1, 0);
        assertArrayEquals(new float[] {0, 20}, grey.floats());
        Raster rgba = Raster.atDepth(1, 1, 4, 16);
        rgba.putChannel(3, new Raster(1, 1, 1, 16, new float[] {99}));
        rgba.putColour(rgb, 0, 0);
        assertArrayEquals(new float[] {10, 20, 31, 99}, rgba.floats(), 1f / 257);
    }
}
