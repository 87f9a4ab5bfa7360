package dev.attnvision.core.image;

import java.awt.image.BufferedImage;

/**
 * Moves 8-bit RGB pictures between {@link Raster} and Java2D's {@link BufferedImage}, for drawing text and charts
 * onto images. Samples are rounded and clamped to 0..255; grey is widened to RGB and alpha dropped.
 */
public final class RasterImages {
    private RasterImages() {}

    /** {@code image} as an opaque RGB picture. */
    public static BufferedImage toBufferedImage(Raster image) {
        Raster rgb = RasterChannels.rgb(image);
        int w = rgb.width();
        int h = rgb.height();
        int[] pixels = new int[w * h];
        float[] data = rgb.floats();
        for (int p = 0; p < pixels.length; p++) {
            pixels[p] = (byte8(data[p * 3]) << 16) | (byte8(data[p * 3 + 1]) << 8) | byte8(data[p * 3 + 2]);
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, w, h, pixels, 0, w);
        return out;
    }

    /** The colours of {@code picture} as an 8-bit RGB Raster (any alpha is ignored). */
    public static Raster fromBufferedImage(BufferedImage picture) {
        int w = picture.getWidth();
        int h = picture.getHeight();
        int[] pixels = picture.getRGB(0, 0, w, h, null, 0, w);
        float[] data = new float[w * h * 3];
        for (int p = 0; p < pixels.length; p++) {
            data[p * 3] = (pixels[p] >> 16) & 0xff;
            data[p * 3 + 1] = (pixels[p] >> 8) & 0xff;
            data[p * 3 + 2] = pixels[p] & 0xff;
        }
        return new Raster(w, h, 3, 8, data);
    }

    private static int byte8(float sample) {
        return Math.round(Math.min(255f, Math.max(0f, sample)));
    }
}
