package dev.attnvision.core.data.transform;

/**
 * The geometry of a letterbox resize: the source image resized to {@code resizedWidth x resizedHeight} (aspect ratio
 * kept up to whole pixels) and placed at {@code (padLeft, padTop)} on a {@code targetWidth x targetHeight} canvas.
 * Maps boxes either way with the exact per-axis factors {@code sx = resizedWidth / sourceWidth} (likewise
 * {@code sy}): {@code target = source * s + pad}, {@code source = (target - pad) / s}.
 *
 * @param sourceWidth width of the original image
 * @param sourceHeight height of the original image
 * @param resizedWidth width of the image on the canvas
 * @param resizedHeight height of the image on the canvas
 * @param targetWidth width of the canvas the model sees
 * @param targetHeight height of the canvas the model sees
 * @param padLeft canvas columns left of the image
 * @param padTop canvas rows above the image
 */
public record LetterboxTransform(int sourceWidth, int sourceHeight, int resizedWidth, int resizedHeight,
        int targetWidth, int targetHeight, int padLeft, int padTop) {
    public LetterboxTransform {
        if (sourceWidth < 1 || sourceHeight < 1 || resizedWidth < 1 || resizedHeight < 1) {
            throw new IllegalArgumentException("letterbox sizes must be positive, got source " + sourceWidth + "x"
                    + sourceHeight + ", resized " + resizedWidth + "x" + resizedHeight);
        }
        if (padLeft < 0 || padTop < 0 || padLeft + resizedWidth > targetWidth || padTop + resizedHeight > targetHeight) {
            throw new IllegalArgumentException("a " + resizedWidth + "x" + resizedHeight + " image at (" + padLeft + ", "
                    + padTop + ") does not fit the " + targetWidth + "x" + targetHeight + " canvas");
        }
    }

    /**
     * The largest size at which a {@code sourceWidth x sourceHeight} image fits the target, centred (the odd
     * padding pixel going right and below).
     */
    public static LetterboxTransform fit(int sourceWidth, int sourceHeight, int targetWidth, int targetHeight) {
        if (sourceWidth < 1 || sourceHeight < 1) {
            throw new IllegalArgumentException("source size must be positive, got " + sourceWidth + "x" + sourceHeight);
        }
        double scale = Math.min((double) targetWidth / sourceWidth, (double) targetHeight / sourceHeight);
        int w = (int) Math.min(targetWidth, Math.max(1, Math.round(sourceWidth * scale)));
        int h = (int) Math.min(targetHeight, Math.max(1, Math.round(sourceHeight * scale)));
        return new LetterboxTransform(sourceWidth, sourceHeight, w, h, targetWidth, targetHeight,
                (targetWidth - w) / 2, (targetHeight - h) / 2);
    }

    /** The identity for an image already at the model's size. */
    public static LetterboxTransform identity(int width, int height) {
        return new LetterboxTransform(width, height, width, height, width, height, 0, 0);
    }

    /** Horizontal resize factor. */
    public float scaleX() {
        return (float) resizedWidth / sourceWidth;
    }

    /** Vertical resize factor. */
    public float scaleY() {
        return (float) resizedHeight / sourceHeight;
    }

    /** A source box {@code (x1, y1, x2, y2)} on the canvas. */
    public float[] toTarget(float[] box) {
        return new float[] {box[0] * scaleX() + padLeft, box[1] * scaleY() + padTop, box[2] * scaleX() + padLeft,
            box[3] * scaleY() + padTop};
    }

    /** A canvas box {@code (x1, y1, x2, y2)} in source pixels, clipped to the source image. */
    public float[] toSource(float[] box) {
        return new float[] {
            clamp((box[0] - padLeft) / scaleX(), sourceWidth), clamp((box[1] - padTop) / scaleY(), sourceHeight),
            clamp((box[2] - padLeft) / scaleX(), sourceWidth), clamp((box[3] - padTop) / scaleY(), sourceHeight)};
    }

    private static float clamp(float v, int max) {
        return Math.max(0f, Math.min(max, v));
    }
}
