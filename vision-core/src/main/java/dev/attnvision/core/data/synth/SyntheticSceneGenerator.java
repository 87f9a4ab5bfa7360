package dev.attnvision.core.data.synth;

import dev.attnvision.core.data.BoxLabel;
import dev.attnvision.core.data.LabeledImage;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.image.RasterImages;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Draws synthetic detection scenes with exact boxes: the {@link ShapeKind} objects (circle, square, triangle,
 * star, ring, cross), rotated, at log-uniform sizes, in colours with a shading gradient, over a textured
 * background of random strokes and blobs; then a linear lighting gradient, an occasional blur and Gaussian noise.
 * An object's box is the exact bounds of its rotated outline, so after antialiasing it is within a pixel of the
 * drawn pixels. Objects may overlap up to {@link SceneConfig#maxOverlap()}; later ones are drawn on top. The same
 * generator state gives the same scene (Java2D rendering is deterministic), so a seeded generator reproduces a
 * dataset. Meant as training data for the demo model and as sample images.
 */
public final class SyntheticSceneGenerator {
    private static final int PLACEMENT_TRIES = 40;

    private final SceneConfig config;

    public SyntheticSceneGenerator(SceneConfig config) {
        this.config = config;
    }

    /** Class names, indexed by the boxes' class ids. */
    public List<String> classNames() {
        return ShapeKind.classNames();
    }

    /** One scene, drawn with the randomness of {@code random}. */
    public LabeledImage generate(RandomGenerator random) {
        BufferedImage canvas = new BufferedImage(config.width(), config.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            Color background = randomColour(random);
            g.setColor(background);
            g.fillRect(0, 0, config.width(), config.height());
            drawClutter(g, background, random);
            List<BoxLabel> boxes = drawObjects(g, random);
            Raster raster = RasterImages.fromBufferedImage(canvas);
            if (config.lighting()) {
                applyLighting(raster, random);
            }
            if (config.blur() && random.nextDouble() < 0.5) {
                raster = boxBlur(raster, 1 + random.nextInt(2));
            }
            addNoise(raster, config.maxNoiseSigma() * random.nextDouble(), random);
            return new LabeledImage(raster, boxes);
        } finally {
            g.dispose();
        }
    }

    private List<BoxLabel> drawObjects(Graphics2D g, RandomGenerator random) {
        int count = config.minObjects() + random.nextInt(config.maxObjects() - config.minObjects() + 1);
        ShapeKind[] kinds = ShapeKind.values();
        List<BoxLabel> boxes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ShapeKind kind = kinds[random.nextInt(kinds.length)];
            double size = Math.exp(Math.log(config.minSize())
                    + (Math.log(config.maxSize()) - Math.log(config.minSize())) * random.nextDouble());
            double angle = kind.rotationInvariant() ? 0 : random.nextDouble() * 2 * Math.PI;
            Shape shape = place(kind, size, angle, boxes, random);
            if (shape == null) {
                continue;
            }
            Rectangle2D bounds = shape.getBounds2D();
            Color colour = contrastingColour(random);
            g.setPaint(new GradientPaint((float) bounds.getMinX(), (float) bounds.getMinY(), colour,
                    (float) bounds.getMaxX(), (float) bounds.getMaxY(), colour.darker()));
            g.fill(shape);
            boxes.add(new BoxLabel((float) bounds.getMinX(), (float) bounds.getMinY(), (float) bounds.getMaxX(),
                    (float) bounds.getMaxY(), kind.ordinal()));
        }
        return boxes;
    }

    /**
     * The outline rotated by {@code angle}, scaled so its box's longer side is {@code size}, at a random position
     * inside the image that respects the overlap limit; null if none is found.
     */
    private Shape place(ShapeKind kind, double size, double angle, List<BoxLabel> placed, RandomGenerator random) {
        Shape rotated = AffineTransform.getRotateInstance(angle).createTransformedShape(kind.outline());
        Rectangle2D unit = rotated.getBounds2D();
        double scale = size / Math.max(unit.getWidth(), unit.getHeight());
        double w = unit.getWidth() * scale;
        double h = unit.getHeight() * scale;
        for (int attempt = 0; attempt < PLACEMENT_TRIES; attempt++) {
            double x = (config.width() - w) * random.nextDouble();
            double y = (config.height() - h) * random.nextDouble();
            if (overlapsTooMuch(x, y, x + w, y + h, placed)) {
                continue;
            }
            AffineTransform t = AffineTransform.getTranslateInstance(x - unit.getMinX() * scale,
                    y - unit.getMinY() * scale);
            t.scale(scale, scale);
            return t.createTransformedShape(rotated);
        }
        return null;
    }

    private boolean overlapsTooMuch(double x1, double y1, double x2, double y2, List<BoxLabel> placed) {
        double area = (x2 - x1) * (y2 - y1);
        for (BoxLabel b : placed) {
            double iw = Math.min(x2, b.x2()) - Math.max(x1, b.x1());
            double ih = Math.min(y2, b.y2()) - Math.max(y1, b.y1());
            if (iw <= 0 || ih <= 0) {
                continue;
            }
            double inter = iw * ih;
            double iou = inter / (area + b.area() - inter);
            double ofSmaller = inter / Math.min(area, b.area());
            if (iou > config.maxOverlap() || ofSmaller > config.maxOverlap()) {
                return true;
            }
        }
        return false;
    }

    /** Low-contrast strokes, blobs and rectangles in tints of the background colour. */
    private void drawClutter(Graphics2D g, Color background, RandomGenerator random) {
        int w = config.width();
        int h = config.height();
        for (int i = 0; i < config.clutterItems(); i++) {
            int shift = 50;
            Color tint = new Color(clamp(background.getRed() + random.nextInt(2 * shift + 1) - shift),
                    clamp(background.getGreen() + random.nextInt(2 * shift + 1) - shift),
                    clamp(background.getBlue() + random.nextInt(2 * shift + 1) - shift), 60 + random.nextInt(120));
            g.setColor(tint);
            double x = w * random.nextDouble();
            double y = h * random.nextDouble();
            double s = 3 + 40 * random.nextDouble();
            switch (random.nextInt(3)) {
                case 0 -> {
                    g.setStroke(new BasicStroke((float) (0.5 + 2.5 * random.nextDouble())));
                    g.draw(new Line2D.Double(x, y, x + s * (2 * random.nextDouble() - 1) * 2,
                            y + s * (2 * random.nextDouble() - 1) * 2));
                }
                case 1 -> g.fill(new Ellipse2D.Double(x, y, s, s * (0.3 + random.nextDouble())));
                default -> {
                    g.setStroke(new BasicStroke(1f));
                    g.draw(new Rectangle2D.Double(x, y, s, s * (0.3 + random.nextDouble())));
                }
            }
        }
    }

    private static Color randomColour(RandomGenerator random) {
        return new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
    }

    /** A saturated colour, so objects stand out from the background more often than not. */
    private static Color contrastingColour(RandomGenerator random) {
        return Color.getHSBColor(random.nextFloat(), 0.5f + 0.5f * random.nextFloat(), 0.4f + 0.6f * random.nextFloat());
    }

    /** Multiplies by a linear ramp from {@code lo} to {@code hi} along a random direction. */
    private static void applyLighting(Raster raster, RandomGenerator random) {
        double angle = 2 * Math.PI * random.nextDouble();
        double dx = Math.cos(angle);
        double dy = Math.sin(angle);
        double lo = 0.55 + 0.35 * random.nextDouble();
        double hi = 1.0 + 0.3 * random.nextDouble();
        double extent = Math.abs(dx) * raster.width() + Math.abs(dy) * raster.height();
        double offset = Math.min(0, dx) * raster.width() + Math.min(0, dy) * raster.height();
        float[] v = raster.floats();
        for (int y = 0; y < raster.height(); y++) {
            for (int x = 0; x < raster.width(); x++) {
                float gain = (float) (lo + (hi - lo) * ((dx * x + dy * y - offset) / extent));
                int o = (y * raster.width() + x) * 3;
                for (int k = 0; k < 3; k++) {
                    v[o + k] = Math.min(255f, v[o + k] * gain);
                }
            }
        }
    }

    /** Mean over the {@code (2r + 1)^2} neighbourhood, clamped at the borders: a horizontal then a vertical pass. */
    static Raster boxBlur(Raster in, int r) {
        int w = in.width();
        int h = in.height();
        float[] rows = blurPass(in.floats(), w, h, r, 3, 3 * w);
        return new Raster(w, h, 3, 8, blurPass(rows, h, w, r, 3 * w, 3));
    }

    /**
     * One 1-D box filter of radius {@code r} along lines of {@code length} samples {@code step} apart; the
     * {@code lines} lines start {@code lineStep} apart, each with 3 interleaved channels.
     */
    private static float[] blurPass(float[] src, int length, int lines, int r, int step, int lineStep) {
        float[] out = new float[src.length];
        float norm = 1f / (2 * r + 1);
        for (int line = 0; line < lines; line++) {
            for (int i = 0; i < length; i++) {
                for (int k = 0; k < 3; k++) {
                    float sum = 0;
                    for (int j = -r; j <= r; j++) {
                        sum += src[line * lineStep + Math.max(0, Math.min(length - 1, i + j)) * step + k];
                    }
                    out[line * lineStep + i * step + k] = sum * norm;
                }
            }
        }
        return out;
    }

    private static void addNoise(Raster raster, double sigma, RandomGenerator random) {
        if (sigma <= 0) {
            return;
        }
        float[] v = raster.floats();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.max(0, Math.min(255, v[i] + sigma * random.nextGaussian()));
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
