package dev.attnvision.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attnvision.core.testing.TestImages;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCodecTest {
    private final ImageCodec codec = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS);

    private static Raster ramp(int w, int h, int c, int bitDepth) {
        float[] data = new float[w * h * c];
        for (int i = 0; i < data.length; i++) {
            data[i] = bitDepth == 16 ? (i * 977 % 65536) / 257f : i * 7 % 256;
        }
        return new Raster(w, h, c, bitDepth, data);
    }

    private String reason(byte[] bytes) {
        return assertThrows(ImageReadException.class, () -> codec.decode(bytes)).getMessage();
    }

    @Test
    void pngRoundTripKeepsGrayRgbRgbaAnd16Bit() throws Exception {
        for (int c : new int[] {1, 3, 4}) {
            for (int depth : new int[] {8, 16}) {
                Raster original = ramp(5, 3, c, depth);
                Raster back = codec.decode(codec.encode(original, Encoding.of(ImageFormat.PNG)));
                assertEquals(original, back, c + " channels, " + depth + " bit");
            }
        }
    }

    @Test
    void decodedImagesKeepTheirIntegersAndEncodeAsTheSameValuesInFloatsWould() throws Exception {
        for (int depth : new int[] {8, 16}) {
            Raster floats = ramp(7, 5, 3, depth);
            byte[] png = codec.encode(floats, Encoding.of(ImageFormat.PNG));
            Raster back = codec.decode(png);
            assertEquals(depth == 8 ? RasterSamples.Bytes.class : RasterSamples.Shorts.class, back.samples().getClass());
            assertArrayEquals(png, codec.encode(back, Encoding.of(ImageFormat.PNG)), depth + " bit");
            assertEquals(floats, back, "encoding lends the image its memory and leaves it as it was");
        }
    }

    /** Red and blue are swapped in bands of 8 MB: an image of several bands round-trips, and is itself unchanged. */
    @Test
    void anImageLargerThanOneSwapBandRoundTripsAndIsLeftAsItWas() throws Exception {
        Raster decoded = codec.decode(codec.encode(TestImages.noise(2000, 1500, 3), Encoding.of(ImageFormat.PNG)));
        Raster before = decoded.region(0, 0, decoded.width(), decoded.height());
        byte[] png = codec.encode(decoded, Encoding.of(ImageFormat.PNG));
        assertEquals(before, decoded, "the lent raster is swapped back, every band");
        assertEquals(before, codec.decode(png));
    }

    @Test
    void sixteenBitBecomesEightBitInJpeg() throws Exception {
        Raster back = codec.decode(codec.encode(ramp(8, 8, 3, 16), Encoding.of(ImageFormat.JPEG)));
        assertEquals(8, back.bitDepth());
        assertEquals(3, back.channels());
    }

    @Test
    void jpegDropsAlphaButWebpAndTiffKeepIt() throws Exception {
        Raster rgba = ramp(6, 4, 4, 8);
        assertEquals(3, codec.decode(codec.encode(rgba, Encoding.of(ImageFormat.JPEG))).channels());
        assertEquals(4, codec.decode(codec.encode(rgba, new Encoding(ImageFormat.WEBP, 100))).channels());
        assertEquals(rgba, codec.decode(codec.encode(rgba, Encoding.of(ImageFormat.TIFF))));
        Raster deep = ramp(6, 4, 4, 16);
        assertEquals(deep, codec.decode(codec.encode(deep, Encoding.of(ImageFormat.TIFF))), "TIFF keeps 16 bits");
    }

    @Test
    void headersGiveTheSizeWithoutDecoding() throws Exception {
        Raster image = ramp(7, 5, 3, 8);
        for (ImageFormat f : new ImageFormat[] {ImageFormat.PNG, ImageFormat.JPEG, ImageFormat.WEBP, ImageFormat.TIFF}) {
            ImageHeader header = ImageHeader.probe(codec.encode(image, Encoding.of(f)));
            assertEquals(new ImageHeader(f, 7, 5), header);
        }
        assertEquals(new ImageHeader(ImageFormat.PNM, 12, 34),
                ImageHeader.probe("P6\n# made by hand\n12 34\n255\n".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void decompressionBombIsRefusedFromTheHeaderAlone() throws Exception {
        ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt(60000).putInt(60000).put(new byte[] {8, 2, 0, 0, 0});
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        byte[] png = ByteBuffer.allocate(8 + 4 + 17 + 4).put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10})
                .putInt(13).put(ihdr.array()).putInt((int) crc.getValue()).array();
        String why = reason(png);
        assertTrue(why.startsWith("image too large: 60000x60000 is 3600.0 megapixels, over the limit of 100.0"), why);
        assertEquals(2, new ImageCodec(10).decode(pngOf(ramp(2, 5, 3, 8))).width());
        assertThrows(ImageReadException.class, () -> new ImageCodec(9).decode(pngOf(ramp(2, 5, 3, 8))));
    }

    private byte[] pngOf(Raster r) throws Exception {
        return codec.encode(r, Encoding.of(ImageFormat.PNG));
    }

    @Test
    void badBytesGetOneLineReasons() throws Exception {
        byte[] png = pngOf(ramp(40, 30, 3, 8));
        byte[] jpeg = codec.encode(ramp(64, 48, 3, 8), Encoding.of(ImageFormat.JPEG));
        byte[] random = new byte[600];
        new Random(7).nextBytes(random);
        byte[] damaged = png.clone();
        damaged[png.length / 2] ^= 0x55;

        assertEquals("empty file (0 bytes)", reason(new byte[0]));
        assertTrue(reason(random).startsWith("not an image (unrecognised file signature)"));
        assertTrue(reason("hello, world\n".getBytes(StandardCharsets.UTF_8)).startsWith("text file, not an image"));
        assertTrue(reason(Arrays.copyOf(png, png.length / 2)).startsWith("truncated PNG file"));
        assertTrue(reason(Arrays.copyOf(jpeg, jpeg.length - 40)).startsWith("truncated JPEG file"));
        assertTrue(reason(damaged).startsWith("corrupt PNG file: checksum mismatch in chunk IDAT"));
        assertTrue(reason("GIF89a\1\0\1\0".getBytes(StandardCharsets.ISO_8859_1)).startsWith("unsupported format: GIF"));
        for (String r : new String[] {reason(random), reason(Arrays.copyOf(png, 20))}) {
            assertTrue(!r.contains("\n"), r);
        }
    }

    @Test
    void exifOrientationSixTurnsTheImageUpright() throws Exception {
        Raster image = Raster.blank(16, 8, 3);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                for (int c = 0; c < 3; c++) {
                    image.set(y, x, c, 255);
                }
            }
        }
        byte[] jpeg = codec.encode(image, new Encoding(ImageFormat.JPEG, 100));
        Raster upright = codec.decode(TestImages.withExifOrientation(jpeg, 6));
        assertEquals(8, upright.width());
        assertEquals(16, upright.height());
        assertTrue(upright.get(3, 4, 0) > 200, "the left half of the stored image is on top");
        assertTrue(upright.get(12, 4, 0) < 50, "the right half of the stored image is below");
    }

    @Test
    void writesAtomicallyAndReadsNonAsciiPaths(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("été 写真 (1).png");
        Raster image = ramp(9, 4, 4, 16);
        codec.write(image, target, Encoding.of(ImageFormat.PNG));
        codec.write(image, target, Encoding.of(ImageFormat.PNG));
        try (var files = Files.list(dir)) {
            assertArrayEquals(new Object[] {target.getFileName()}, files.map(Path::getFileName).toArray());
        }
        assertEquals(image, codec.read(target));
    }

    @Test
    void fileSystemProblemsAreReadErrors(@TempDir Path dir) {
        assertEquals("no such file", assertThrows(ImageReadException.class,
                () -> codec.read(dir.resolve("missing.png"))).getMessage());
        assertTrue(assertThrows(ImageReadException.class, () -> codec.read(dir)).getMessage().startsWith("is a folder"));
    }
}
