package dev.attnvision.core.data.transform;

import dev.attnvision.core.data.BoxLabel;
import dev.attnvision.core.data.LabeledImage;
import dev.attnvision.core.image.BilinearResize;
import dev.attnvision.core.image.Raster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Mosaic augmentation (Bochkovskiy et al. 2020, YOLOv4, arXiv 2004.10934, section 3.3, in YOLOv5's form): four
 * images, each resized to fit {@code side x side}, meet at a random centre {@code (xc, yc)} drawn from
 * {@code [side/2, 3 side/2]^2} of a {@code 2 side x 2 side} canvas (top-left, top-right, bottom-left, bottom-right);
 * a random scale {@code g} in {@code [minScale, maxScale]} and shift {@code t} in {@code [-translate, translate] side}
 * then map the canvas onto the {@code side x side} output, {@code u = g (x - side) + side / 2 + t}. Each box is cut
 * to its image's visible part and to the output, and kept if at least {@value #MIN_VISIBLE} of its scaled area is
 * left: a detector sees objects at more scales, cut by borders and in new contexts, four images per sample.
 */
public final class Mosaic {
    /** The share of a box's area that must stay visible for it to remain a target. */
    public static final float MIN_VISIBLE = 0.1f;

    private final int side;
    private final double minScale;
    private final double maxScale;
    private final double translate;
    private final float padValue;

    /**
     * @param side the output side in pixels
     * @param minScale smallest scale of the canvas, at least 0.25
     * @param maxScale largest scale, at least {@code minScale}
     * @param translate largest shift as a share of the side, in [0, 0.5]
     * @param padValue the sample value where no image lies (0..255)
     */
    public Mosaic(int side, double minScale, double maxScale, double translate, float padValue) {
        if (side < 2 || !(minScale >= 0.25) || !(maxScale >= minScale) || Double.isInfinite(maxScale)
                || !(translate >= 0 && translate <= 0.5)) {
            throw new IllegalArgumentException("mosaic needs a side of at least 2, 0.25 <= minScale <= maxScale and a"
                    + " translate in [0, 0.5], got " + side + ", " + minScale + ", " + maxScale + ", " + translate);
        }
        this.side = side;
        this.minScale = minScale;
        this.maxScale = maxScale;
        this.translate = translate;
        this.padValue = padValue;
    }

    /** YOLOv5's ranges: scale 0.5..1.5, shift up to a tenth of the side, grey 114 padding. */
    public static Mosaic standard(int side) {
        return new Mosaic(side, 0.5, 1.5, 0.1, Letterbox.DEFAULT_PAD);
    }

    /** The mosaic of four samples (of the same channel count). */
    public LabeledImage combine(List<LabeledImage> four, RandomGenerator random) {
        if (four.size() != 4) {
            throw new IllegalArgumentException("a mosaic needs 4 images, got " + four.size());
        }
        int big = 2 * side;
        int channels = four.get(0).image().channels();
        float[] canvas = new float[big * big * channels];
        Arrays.fill(canvas, padValue);
        Raster mosaic = new Raster(big, big, channels, four.get(0).image().bitDepth(), canvas);
        int xc = side / 2 + random.nextInt(side + 1);
        int yc = side / 2 + random.nextInt(side + 1);
        List<BoxLabel> boxes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            LabeledImage sample = four.get(i);
            Raster in = sample.image();
            double r = (double) side / Math.max(in.width(), in.height());
            int w = Math.max(1, (int) Math.round(in.width() * r));
            int h = Math.max(1, (int) Math.round(in.height() * r));
            Raster resized = BilinearResize.resize(in, w, h);
            boolean left = i % 2 == 0;
            boolean top = i < 2;
            int x1 = left ? Math.max(xc - w, 0) : xc;
            int x2 = left ? xc : Math.min(xc + w, big);
            int y1 = top ? Math.max(yc - h, 0) : yc;
            int y2 = top ? yc : Math.min(yc + h, big);
            int sx = left ? w - (x2 - x1) : 0;
            int sy = top ? h - (y2 - y1) : 0;
            if (x2 > x1 && y2 > y1) {
                mosaic.put(resized.region(sx, sy, x2 - x1, y2 - y1), x1, y1);
            }
            float fx = (float) w / in.width();
            float fy = (float) h / in.height();
            for (BoxLabel b : sample.boxes()) {
                float bx1 = Math.max(b.x1() * fx - sx + x1, x1);
                float by1 = Math.max(b.y1() * fy - sy + y1, y1);
                float bx2 = Math.min(b.x2() * fx - sx + x1, x2);
                float by2 = Math.min(b.y2() * fy - sy + y1, y2);
                if (bx2 > bx1 && by2 > by1) {
                    float full = b.width() * fx * b.height() * fy;
                    if ((bx2 - bx1) * (by2 - by1) >= MIN_VISIBLE * full) {
                        boxes.add(b.withBox(bx1, by1, bx2, by2));
                    }
                }
            }
        }
        double g = minScale + (maxScale - minScale) * random.nextDouble();
        double tx = (2 * random.nextDouble() - 1) * translate * side;
        double ty = (2 * random.nextDouble() - 1) * translate * side;
        // the output shows the canvas window [x0, x0 + side / g) x [y0, y0 + side / g)
        int window = Math.max(1, (int) Math.round(side / g));
        int x0 = (int) Math.round(side - (side / 2.0 + tx) / g);
        int y0 = (int) Math.round(side - (side / 2.0 + ty) / g);
        float[] crop = new float[window * window * channels];
        Arrays.fill(crop, padValue);
        Raster view = new Raster(window, window, channels, mosaic.bitDepth(), crop);
        int cx1 = Math.max(x0, 0);
        int cy1 = Math.max(y0, 0);
        int cx2 = Math.min(x0 + window, big);
        int cy2 = Math.min(y0 + window, big);
        if (cx2 > cx1 && cy2 > cy1) {
            view.put(mosaic.region(cx1, cy1, cx2 - cx1, cy2 - cy1), cx1 - x0, cy1 - y0);
        }
        float f = (float) side / window;
        List<BoxLabel> placed = new ArrayList<>();
        for (BoxLabel b : boxes) {
            float u1 = (b.x1() - x0) * f;
            float v1 = (b.y1() - y0) * f;
            float u2 = (b.x2() - x0) * f;
            float v2 = (b.y2() - y0) * f;
            float full = (u2 - u1) * (v2 - v1);
            BoxLabel kept = b.withBox(Math.max(u1, 0), Math.max(v1, 0), Math.min(u2, side), Math.min(v2, side));
            if (kept.width() > 0 && kept.height() > 0 && kept.area() >= MIN_VISIBLE * full) {
                placed.add(kept);
            }
        }
        return new LabeledImage(BilinearResize.resize(view, side, side), placed);
    }
}
