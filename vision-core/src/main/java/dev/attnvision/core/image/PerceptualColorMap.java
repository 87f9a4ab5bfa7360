package dev.attnvision.core.image;

/**
 * A sequential colour map for heatmaps, computed here in the OKLab colour space (B. Ottosson, "A perceptual colour
 * space for image processing", 2020): lightness rises evenly from dark violet-blue through teal and green to pale
 * yellow, so a larger value is always a lighter colour (readable in grey and by colour-blind viewers), the way
 * matplotlib's viridis is designed. Each colour keeps its lightness and hue and gives up chroma until it fits sRGB.
 */
public final class PerceptualColorMap {
    /** Colours in the table; values between them are interpolated. */
    public static final int SIZE = 256;

    private static final double LIGHTNESS_LOW = 0.30;
    private static final double LIGHTNESS_HIGH = 0.93;
    private static final double HUE_LOW_DEGREES = 290;
    private static final double HUE_HIGH_DEGREES = 100;
    private static final double CHROMA = 0.15;

    /** RGB on 0..255 for each of the {@link #SIZE} entries, interleaved. */
    private static final float[] TABLE = table();

    private PerceptualColorMap() {}

    /**
     * The colour of {@code t}.
     *
     * @param t position on the map, 0 (low) to 1 (high); values outside are clamped, NaN is taken as 0
     * @return red, green and blue on 0..255
     */
    public static float[] rgb(double t) {
        double position = Double.isNaN(t) ? 0 : Math.min(1, Math.max(0, t)) * (SIZE - 1);
        int i = Math.min(SIZE - 2, (int) position);
        float f = (float) (position - i);
        float[] out = new float[3];
        for (int c = 0; c < 3; c++) {
            out[c] = TABLE[i * 3 + c] * (1 - f) + TABLE[(i + 1) * 3 + c] * f;
        }
        return out;
    }

    private static float[] table() {
        float[] table = new float[SIZE * 3];
        for (int i = 0; i < SIZE; i++) {
            double t = i / (double) (SIZE - 1);
            double lightness = LIGHTNESS_LOW + (LIGHTNESS_HIGH - LIGHTNESS_LOW) * t;
            double hue = Math.toRadians(HUE_LOW_DEGREES + (HUE_HIGH_DEGREES - HUE_LOW_DEGREES) * t);
            double low = 0;
            double high = CHROMA;
            double[] rgb = linearRgb(lightness, high * Math.cos(hue), high * Math.sin(hue));
            if (!inGamut(rgb)) {
                for (int step = 0; step < 30; step++) {
                    double chroma = (low + high) / 2;
                    if (inGamut(linearRgb(lightness, chroma * Math.cos(hue), chroma * Math.sin(hue)))) {
                        low = chroma;
                    } else {
                        high = chroma;
                    }
                }
                rgb = linearRgb(lightness, low * Math.cos(hue), low * Math.sin(hue));
            }
            for (int c = 0; c < 3; c++) {
                table[i * 3 + c] = (float) (255 * encodeSrgb(rgb[c]));
            }
        }
        return table;
    }

    /** OKLab to linear sRGB (the published matrices of OKLab). */
    private static double[] linearRgb(double lightness, double a, double b) {
        double l = cube(lightness + 0.3963377774 * a + 0.2158037573 * b);
        double m = cube(lightness - 0.1055613458 * a - 0.0638541728 * b);
        double s = cube(lightness - 0.0894841775 * a - 1.2914855480 * b);
        return new double[] {
            4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
            -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
            -0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s};
    }

    private static double cube(double v) {
        return v * v * v;
    }

    private static boolean inGamut(double[] rgb) {
        for (double v : rgb) {
            if (v < 0 || v > 1) {
                return false;
            }
        }
        return true;
    }

    /** The sRGB transfer function (IEC 61966-2-1) from linear light to the encoded 0..1 value. */
    private static double encodeSrgb(double linear) {
        return linear <= 0.0031308 ? 12.92 * linear : 1.055 * Math.pow(linear, 1 / 2.4) - 0.055;
    }
}
