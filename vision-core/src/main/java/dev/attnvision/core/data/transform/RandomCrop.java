package dev.attnvision.core.data.transform;

import dev.attnvision.core.data.BoxLabel;
import dev.attnvision.core.data.LabeledImage;
import dev.attnvision.core.image.Raster;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Cuts out a window whose sides are fractions drawn uniformly from {@code [minFraction, 1]} of the image's, at a
 * uniform position. A box is kept when its centre lies inside the window (strictly inside on the right and
 * bottom), then clipped to it and shifted; boxes whose centre falls outside are dropped.
 */
public final class RandomCrop implements DetectionTransform {
    private final double minFraction;

    /** @param minFraction smallest window side as a fraction of the image side, in (0, 1] */
    public RandomCrop(double minFraction) {
        if (!(minFraction > 0 && minFraction <= 1)) {
            throw new IllegalArgumentException("crop fraction must be in (0, 1], got " + minFraction);
        }
        this.minFraction = minFraction;
    }

    @Override
    public LabeledImage apply(LabeledImage sample, RandomGenerator random) {
        Raster in = sample.image();
        int w = Math.max(1, (int) Math.round(in.width() * (minFraction + (1 - minFraction) * random.nextDouble())));
        int h = Math.max(1, (int) Math.round(in.height() * (minFraction + (1 - minFraction) * random.nextDouble())));
        int left = random.nextInt(in.width() - w + 1);
        int top = random.nextInt(in.height() - h + 1);
        return crop(sample, left, top, w, h);
    }

    /** The window of {@code width x height} pixels at {@code (left, top)}, with the boxes kept by the centre rule. */
    static LabeledImage crop(LabeledImage sample, int left, int top, int width, int height) {
        List<BoxLabel> boxes = new ArrayList<>();
        for (BoxLabel b : sample.boxes()) {
            float cx = (b.x1() + b.x2()) / 2 - left;
            float cy = (b.y1() + b.y2()) / 2 - top;
            if (cx >= 0 && cx < width && cy >= 0 && cy < height) {
                boxes.add(b.withBox(Math.max(0, b.x1() - left), Math.max(0, b.y1() - top),
                        Math.min(width, b.x2() - left), Math.min(height, b.y2() - top)));
            }
        }
        return new LabeledImage(sample.image().region(left, top, width, height), boxes);
    }
}
