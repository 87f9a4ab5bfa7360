package dev.attnvision.core.data.transform;

import dev.attnvision.core.data.BoxLabel;
import dev.attnvision.core.data.LabeledImage;
import dev.attnvision.core.image.BilinearResize;
import dev.attnvision.core.image.Raster;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Resizes an image to fit a fixed canvas keeping its aspect ratio, and pads the rest with a constant grey, as
 * YOLO-style detectors do; boxes are mapped onto the canvas. {@link #letterbox} also returns the
 * {@link LetterboxTransform} that maps detections back to the original image.
 */
public final class Letterbox implements DetectionTransform {
    /** The usual padding grey (114 on 0..255). */
    public static final float DEFAULT_PAD = 114f;

    private final int width;
    private final int height;
    private final float padValue;

    /**
     * @param width canvas width, positive
     * @param height canvas height, positive
     * @param padValue sample value of the padding on 0..255
     */
    public Letterbox(int width, int height, float padValue) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("letterbox canvas must be positive, got " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.padValue = padValue;
    }

    /** The sample on the canvas together with the geometry used. */
    public record Result(LabeledImage sample, LetterboxTransform transform) {}

    /** Places {@code sample} on the canvas. */
    public Result letterbox(LabeledImage sample) {
        Raster in = sample.image();
        LetterboxTransform t = LetterboxTransform.fit(in.width(), in.height(), width, height);
        Raster resized = BilinearResize.resize(in, t.resizedWidth(), t.resizedHeight());
        int c = in.channels();
        float[] canvas = new float[width * height * c];
        Arrays.fill(canvas, padValue);
        int row = resized.width() * c;
        float[] samples = resized.floats();
        for (int y = 0; y < resized.height(); y++) {
            System.arraycopy(samples, y * row, canvas, ((t.padTop() + y) * width + t.padLeft()) * c, row);
        }
        List<BoxLabel> boxes = sample.boxes().stream().map(b -> {
            float[] m = t.toTarget(new float[] {b.x1(), b.y1(), b.x2(), b.y2()});
            return b.withBox(m[0], m[1], m[2], m[3]);
        }).toList();
        return new Result(new LabeledImage(new Raster(width, height, c, in.bitDepth(), canvas), boxes), t);
    }

    @Override
    public LabeledImage apply(LabeledImage sample, RandomGenerator random) {
        return letterbox(sample).sample();
    }
}
