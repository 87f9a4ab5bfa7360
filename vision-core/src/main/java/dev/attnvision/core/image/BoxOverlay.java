package dev.attnvision.core.image;

import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Draws labelled boxes on an image, readable on any background: each box in its colour, its label on a filled
 * tag of the same colour in black or white text (whichever contrasts more), line width and text size growing
 * with the image ({@code max(1, round(0.002 (W + H)))} pixels). The tag sits above the box, or inside it when
 * the box touches the top edge. Edges are drawn crisp; only the text is anti-aliased.
 */
public final class BoxOverlay {
    /**
     * One box to draw.
     *
     * @param x1 left edge in pixels
     * @param y1 top edge
     * @param x2 right edge
     * @param y2 bottom edge
     * @param label the tag text (ASCII; other characters are drawn as '?')
     * @param rgb the colour, {@code 0xRRGGBB}
     */
    public record Box(float x1, float y1, float x2, float y2, String label, int rgb) {}

    private static final int FONT = Imgproc.FONT_HERSHEY_SIMPLEX;

    static {
        OpenCvNative.load();
    }

    private BoxOverlay() {}

    /** A colour for class {@code index}: hues spaced by the golden angle, so neighbouring ids differ clearly. */
    public static int colour(int index) {
        float hue = (float) ((index * 0.618033988749895) % 1.0);
        return java.awt.Color.HSBtoRGB(hue, 0.85f, 0.95f) & 0xFFFFFF;
    }

    /** An 8-bit RGB copy of {@code image} (grey widened, alpha dropped) with {@code boxes} drawn in order. */
    public static Raster draw(Raster image, List<Box> boxes) {
        Raster rgb = RasterChannels.rgb(image);
        Mat mat = MatRasters.toMat(rgb, 8);
        try {
            int thickness = Math.max(1, Math.round(0.002f * (image.width() + image.height())));
            double fontScale = Math.max(0.35, thickness / 3.0);
            int textThickness = Math.max(1, thickness / 2);
            for (Box box : boxes) {
                drawOne(mat, box, thickness, fontScale, textThickness);
            }
            return MatRasters.toRaster(mat);
        } catch (ImageReadException e) {
            throw new IllegalStateException("an 8-bit BGR canvas is always convertible", e);
        } finally {
            mat.release();
        }
    }

    private static void drawOne(Mat mat, Box box, int thickness, double fontScale, int textThickness) {
        Scalar colour = bgr(box.rgb());
        Point topLeft = new Point(Math.round(box.x1()), Math.round(box.y1()));
        Imgproc.rectangle(mat, topLeft, new Point(Math.round(box.x2()), Math.round(box.y2())), colour, thickness,
                Imgproc.LINE_8);
        String text = box.label().replaceAll("[^\\x20-\\x7E]", "?");
        if (text.isEmpty()) {
            return;
        }
        int[] baseline = new int[1];
        Size size = Imgproc.getTextSize(text, FONT, fontScale, textThickness, baseline);
        double tagHeight = size.height + baseline[0] + thickness;
        boolean above = topLeft.y - tagHeight >= 0;
        double tagTop = above ? topLeft.y - tagHeight : topLeft.y;
        double left = Math.min(topLeft.x, Math.max(0, mat.cols() - size.width - thickness));
        Imgproc.rectangle(mat, new Point(left, tagTop), new Point(left + size.width + thickness, tagTop + tagHeight),
                colour, Core.FILLED, Imgproc.LINE_8);
        Imgproc.putText(mat, text, new Point(left + thickness / 2.0, tagTop + size.height + thickness / 2.0), FONT,
                fontScale, contrasting(box.rgb()), textThickness, Imgproc.LINE_AA);
    }

    private static Scalar bgr(int rgb) {
        return new Scalar(rgb & 0xFF, (rgb >> 8) & 0xFF, (rgb >> 16) & 0xFF);
    }

    /** Black on light colours, white on dark ones (BT.601 luma against mid-grey). */
    static Scalar contrasting(int rgb) {
        double luma = 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
        return luma > 140 ? new Scalar(0, 0, 0) : new Scalar(255, 255, 255);
    }
}
