package dev.attnvision.core.data.transform;

import dev.attnvision.core.data.LabeledImage;
import dev.attnvision.core.image.Raster;
import java.util.random.RandomGenerator;

/**
 * Mirrors the image left-right ({@code x -> W - x}) or top-bottom ({@code y -> H - y}) with a given probability;
 * boxes follow.
 */
public final class RandomFlip implements DetectionTransform {
    /** The mirrored direction. */
    public enum Axis { HORIZONTAL, VERTICAL }

    private final Axis axis;
    private final double probability;

    /** @param probability chance of flipping, in [0, 1] */
    public RandomFlip(Axis axis, double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("flip probability must be in [0, 1], got " + probability);
        }
        this.axis = axis;
        this.probability = probability;
    }

    @Override
    public LabeledImage apply(LabeledImage sample, RandomGenerator random) {
        if (random.nextDouble() >= probability) {
            return sample;
        }
        Raster in = sample.image();
        int w = in.width();
        int h = in.height();
        int c = in.channels();
        float[] samples = in.floats();
        float[] out = new float[samples.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sx = axis == Axis.HORIZONTAL ? w - 1 - x : x;
                int sy = axis == Axis.VERTICAL ? h - 1 - y : y;
                System.arraycopy(samples, (sy * w + sx) * c, out, (y * w + x) * c, c);
            }
        }
        return new LabeledImage(new Raster(w, h, c, in.bitDepth(), out), sample.boxes().stream()
                .map(b -> axis == Axis.HORIZONTAL ? b.withBox(w - b.x2(), b.y1(), w - b.x1(), b.y2())
                        : b.withBox(b.x1(), h - b.y2(), b.x2(), h - b.y1()))
                .toList());
    }
}
