package dev.attnvision.core.data.transform;

import dev.attnvision.core.data.LabeledImage;
import dev.attnvision.core.image.BilinearResize;
import dev.attnvision.core.image.Raster;
import java.util.random.RandomGenerator;

/**
 * Resizes the image by a factor drawn uniformly from {@code [minScale, maxScale]} (aspect ratio kept up to
 * rounding), bilinearly; boxes are scaled by the exact per-axis factors {@code W'/W} and {@code H'/H}.
 */
public final class ScaleJitter implements DetectionTransform {
    private final double minScale;
    private final double maxScale;

    /**
     * @param minScale smallest factor, positive
     * @param maxScale largest factor, at least {@code minScale}
     */
    public ScaleJitter(double minScale, double maxScale) {
        if (!(minScale > 0) || !(maxScale >= minScale) || Double.isInfinite(maxScale)) {
            throw new IllegalArgumentException("scale jitter needs 0 < minScale <= maxScale, got " + minScale + " and "
                    + maxScale);
        }
        this.minScale = minScale;
        this.maxScale = maxScale;
    }

    @Override
    public LabeledImage apply(LabeledImage sample, RandomGenerator random) {
        double s = minScale + (maxScale - minScale) * random.nextDouble();
        Raster in = sample.image();
        int w = Math.max(1, (int) Math.round(in.width() * s));
        int h = Math.max(1, (int) Math.round(in.height() * s));
        float sx = (float) w / in.width();
        float sy = (float) h / in.height();
        return new LabeledImage(BilinearResize.resize(in, w, h), sample.boxes().stream()
                .map(b -> b.withBox(b.x1() * sx, b.y1() * sy, b.x2() * sx, b.y2() * sy)).toList());
    }
}
