package dev.attnvision.core.data.transform;

import dev.attnvision.core.data.LabeledImage;
import dev.attnvision.core.image.Raster;
import java.util.random.RandomGenerator;

/**
 * Photometric jitter in the manner of torchvision's {@code ColorJitter}, in a fixed order: brightness
 * {@code v * b}; contrast {@code m + (v - m) c} around the image's mean luma {@code m}; saturation
 * {@code g + (v - g) s} around each pixel's luma {@code g = 0.299 R + 0.587 G + 0.114 B}; hue rotated by
 * {@code h} turns in HSV. The factors {@code b, c, s} are drawn from {@code [1 - x, 1 + x]} and {@code h} from
 * {@code [-hue, hue]}; results are clamped to 0..255. Alpha is left alone; grey images get brightness and contrast
 * only. Boxes are unchanged.
 */
public final class ColorJitter implements DetectionTransform {
    private final double brightness;
    private final double contrast;
    private final double saturation;
    private final double hue;

    /**
     * @param brightness brightness spread, in [0, 1]
     * @param contrast contrast spread, in [0, 1]
     * @param saturation saturation spread, in [0, 1]
     * @param hue hue spread in turns, in [0, 0.5]
     */
    public ColorJitter(double brightness, double contrast, double saturation, double hue) {
        if (!inRange(brightness, 1) || !inRange(contrast, 1) || !inRange(saturation, 1) || !inRange(hue, 0.5)) {
            throw new IllegalArgumentException("colour jitter needs brightness, contrast, saturation in [0, 1] and hue"
                    + " in [0, 0.5], got " + brightness + ", " + contrast + ", " + saturation + ", " + hue);
        }
        this.brightness = brightness;
        this.contrast = contrast;
        this.saturation = saturation;
        this.hue = hue;
    }

    @Override
    public LabeledImage apply(LabeledImage sample, RandomGenerator random) {
        float b = (float) (1 + brightness * (2 * random.nextDouble() - 1));
        float c = (float) (1 + contrast * (2 * random.nextDouble() - 1));
        float s = (float) (1 + saturation * (2 * random.nextDouble() - 1));
        float h = (float) (hue * (2 * random.nextDouble() - 1));
        return new LabeledImage(adjust(sample.image(), b, c, s, h), sample.boxes());
    }

    /** The image with brightness factor {@code b}, contrast {@code c}, saturation {@code s}, hue shift {@code h}. */
    static Raster adjust(Raster in, float b, float c, float s, float h) {
        int channels = in.channels();
        int colour = channels >= 3 ? 3 : 1;
        int pixels = in.width() * in.height();
        float[] v = in.samples().toFloats();
        double lumaSum = 0;
        for (int p = 0; p < pixels; p++) {
            for (int k = 0; k < colour; k++) {
                v[p * channels + k] *= b;
            }
            lumaSum += luma(v, p * channels, colour);
        }
        float mean = (float) (lumaSum / pixels);
        for (int p = 0; p < pixels; p++) {
            int o = p * channels;
            for (int k = 0; k < colour; k++) {
                v[o + k] = mean + (v[o + k] - mean) * c;
            }
            if (colour == 3) {
                float g = luma(v, o, colour);
                for (int k = 0; k < 3; k++) {
                    v[o + k] = g + (v[o + k] - g) * s;
                }
                if (h != 0) {
                    rotateHue(v, o, h);
                }
            }
            for (int k = 0; k < colour; k++) {
                v[o + k] = Math.max(0f, Math.min(255f, v[o + k]));
            }
        }
        return new Raster(in.width(), in.height(), channels, in.bitDepth(), v);
    }

    private static float luma(float[] v, int o, int colour) {
        return colour == 3 ? 0.299f * v[o] + 0.587f * v[o + 1] + 0.114f * v[o + 2] : v[o];
    }

    /** RGB to HSV, hue + turns, back to RGB, in place (values first clamped to 0..255). */
    private static void rotateHue(float[] v, int o, float turns) {
        float r = Math.max(0f, Math.min(255f, v[o]));
        float g = Math.max(0f, Math.min(255f, v[o + 1]));
        float bl = Math.max(0f, Math.min(255f, v[o + 2]));
        float max = Math.max(r, Math.max(g, bl));
        float min = Math.min(r, Math.min(g, bl));
        float chroma = max - min;
        if (chroma == 0) {
            return;
        }
        float sector;
        if (max == r) {
            sector = ((g - bl) / chroma) % 6;
        } else if (max == g) {
            sector = (bl - r) / chroma + 2;
        } else {
            sector = (r - g) / chroma + 4;
        }
        float hue = ((sector / 6 + turns) % 1 + 1) % 1 * 6;
        float x = chroma * (1 - Math.abs(hue % 2 - 1));
        float[] rgb = switch ((int) hue) {
            case 0 -> new float[] {chroma, x, 0};
            case 1 -> new float[] {x, chroma, 0};
            case 2 -> new float[] {0, chroma, x};
            case 3 -> new float[] {0, x, chroma};
            case 4 -> new float[] {x, 0, chroma};
            default -> new float[] {chroma, 0, x};
        };
        for (int k = 0; k < 3; k++) {
            v[o + k] = rgb[k] + min;
        }
    }

    private static boolean inRange(double value, double max) {
        return value >= 0 && value <= max;
    }
}
