package dev.attnvision.cli;

import dev.attnvision.core.image.Encoding;
import dev.attnvision.core.image.ImageCodec;
import dev.attnvision.core.image.ImageFormat;
import dev.attnvision.core.image.Raster;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Writes the good and bad files the batch commands must survive into a folder. */
public final class BadInputCorpus {
    /** Files that must be processed, with what their output must look like: name, width, height, channels, depth. */
    public static final Object[][] GOOD = {
        {"one-pixel.png", 1, 1, 3, 8},
        {"gray.png", 5, 4, 1, 8},
        {"rgba.png", 6, 3, 4, 8},
        {"sixteen.png", 4, 4, 3, 16},
        {"cmyk.jpg", 16, 8, 3, 8},
        {"été photo 写真.png", 3, 2, 3, 8},
    };

    /** Files that must fail, with the start of the reason. */
    public static final String[][] BAD = {
        {"empty.jpg", "empty file (0 bytes)"},
        {"random.jpg", "not an image (unrecognised file signature)"},
        {"truncated.jpg", "truncated JPEG file"},
        {"truncated.png", "truncated PNG file"},
        {"text.png", "text file, not an image"},
        {"bomb.png", "image too large: 60000x60000 is 3600.0 megapixels"},
    };

    private BadInputCorpus() {}

    public static void write(Path dir) throws Exception {
        ImageCodec codec = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS);
        Files.createDirectories(dir);
        for (Object[] g : GOOD) {
            String name = (String) g[0];
            if (name.endsWith(".jpg")) {
                Files.write(dir.resolve(name), cmykJpeg((int) g[1], (int) g[2]));
            } else {
                codec.write(gradient((int) g[1], (int) g[2], (int) g[3], (int) g[4]), dir.resolve(name), Encoding.of(ImageFormat.PNG));
            }
        }
        byte[] png = codec.encode(gradient(64, 48, 3, 8), Encoding.of(ImageFormat.PNG));
        byte[] jpeg = codec.encode(gradient(64, 48, 3, 8), Encoding.of(ImageFormat.JPEG));
        byte[] random = new byte[4096];
        new Random(1).nextBytes(random);
        Files.write(dir.resolve("empty.jpg"), new byte[0]);
        Files.write(dir.resolve("random.jpg"), random);
        Files.write(dir.resolve("truncated.jpg"), Arrays.copyOf(jpeg, jpeg.length * 2 / 3));
        Files.write(dir.resolve("truncated.png"), Arrays.copyOf(png, png.length * 2 / 3));
        Files.writeString(dir.resolve("text.png"), "This is a text file, not a picture.\n");
        Files.write(dir.resolve("bomb.png"), pngHeaderOnly(60000, 60000));
    }

    static Raster gradient(int w, int h, int channels, int bitDepth) {
        Raster r = new Raster(w, h, channels, bitDepth, new float[w * h * channels]);
        for (int i = 0; i < r.samples().length(); i++) {
            r.floats()[i] = (i * 37) % 256 + (bitDepth == 16 ? 0.5f : 0);
        }
        return r;
    }

    /** A PNG signature and an IHDR claiming {@code w x h}, nothing else: decoding it would need gigabytes. */
    static byte[] pngHeaderOnly(int w, int h) {
        ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(w).putInt(h)
                .put(new byte[] {8, 6, 0, 0, 0});
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        return ByteBuffer.allocate(33).put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}).putInt(13)
                .put(ihdr.array()).putInt((int) crc.getValue()).array();
    }

    /**
     * A pure red CMYK JPEG as Photoshop writes them: four components stored inverted (255 = no ink), flagged
     * by an Adobe APP14 segment with transform 0. javax.imageio writes the four-component raster as is; the
     * APP14 segment is inserted after SOI by hand.
     */
    static byte[] cmykJpeg(int w, int h) throws Exception {
        WritableRaster raster = java.awt.image.Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
        int[] inverted = {255, 0, 0, 255}; // C=0, M=100%, Y=100%, K=0 stored inverted
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raster.setPixel(x, y, inverted);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(plain)) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
        } finally {
            writer.dispose();
        }
        byte[] bytes = plain.toByteArray();
        byte[] adobe = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, 2);
        out.writeBytes(adobe);
        out.write(bytes, 2, bytes.length - 2);
        return out.toByteArray();
    }
}
