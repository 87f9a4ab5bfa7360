package dev.attnvision.core.data.degradation;

import dev.attnvision.core.image.Raster;

/** Test scenes for the degradations: smooth shading, a fine sinusoidal texture and hard-edged squares. */
final class DegradationImages {
    private DegradationImages() {}

    /** An RGB {@code width x height} 8-bit scene with whole grey levels. */
    static Raster scene(int width, int height) {
        float[] data = new float[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean square = ((x / 16) + (y / 16)) % 3 == 0;
                double texture = 40 * Math.sin(x * 0.9) * Math.cos(y * 0.7);
                for (int c = 0; c < 3; c++) {
                    double base = 60 + 100.0 * (x + c * y) / (width + 2 * height);
                    double v = (square ? base + 70 : base) + texture;
                    data[(y * width + x) * 3 + c] = Math.round(Math.min(255, Math.max(0, v)));
                }
            }
        }
        return new Raster(width, height, 3, 8, data);
    }

    /** A constant RGB image of grey level {@code v}. */
    static Raster flat(int width, int height, float v) {
        float[] data = new float[width * height * 3];
        java.util.Arrays.fill(data, v);
        return new Raster(width, height, 3, 8, data);
    }

    /** Mean squared difference of two same-shaped images. */
    static double mse(Raster a, Raster b) {
        double sum = 0;
        for (int i = 0; i < a.samples().length(); i++) {
            double d = a.samples().get(i) - b.samples().get(i);
            sum += d * d;
        }
        return sum / a.samples().length();
    }
}
