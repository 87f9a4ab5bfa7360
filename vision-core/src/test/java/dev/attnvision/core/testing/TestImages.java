package dev.attnvision.core.testing;

import dev.attnvision.core.image.Raster;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/** Reads reference PNGs in tests with {@code javax.imageio}, independently of the OpenCV codec under test. */
public final class TestImages {
    private TestImages() {}

    /** The 8-bit image at {@code path} as a Raster (gray stays 1 channel; palette images are expanded to RGB). */
    public static Raster read(Path path) {
        BufferedImage image;
        try {
            image = ImageIO.read(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (image == null) {
            throw new IllegalArgumentException("not an image javax.imageio can read: " + path);
        }
        int w = image.getWidth();
        int h = image.getHeight();
        if (image.getColorModel() instanceof IndexColorModel) {
            float[] data = new float[w * h * 3];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = image.getRGB(x, y);
                    int i = (y * w + x) * 3;
                    data[i] = (rgb >> 16) & 0xff;
                    data[i + 1] = (rgb >> 8) & 0xff;
                    data[i + 2] = rgb & 0xff;
                }
            }
            return new Raster(w, h, 3, 8, data);
        }
        WritableRaster raster = image.getRaster();
        int bands = raster.getNumBands();
        float[] data = raster.getPixels(0, 0, w, h, new float[w * h * bands]);
        return new Raster(w, h, bands, 8, data);
    }

    /** Inserts an APP1 EXIF segment holding only IFD0 with the Orientation tag just after SOI. */
    public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26).put(new byte[] {'M', 'M', 0, 42}).putInt(8)
                .putShort((short) 1).putShort((short) 0x0112).putShort((short) 3).putInt(1)
                .putShort((short) orientation).putShort((short) 0).putInt(0);
        byte[] exif = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int length = 2 + exif.length + tiff.capacity();
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length});
        out.writeBytes(exif);
        out.writeBytes(tiff.array());
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** An 8-bit RGB image of uniform random samples 0..255, the same for the same seed. */
    public static Raster noise(int width, int height, long seed) {
        Random random = new Random(seed);
        float[] data = new float[width * height * 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextInt(256);
        }
        return new Raster(width, height, 3, 8, data);
    }
}
