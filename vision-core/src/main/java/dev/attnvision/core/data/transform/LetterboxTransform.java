package dev.attnvision.core.data.transform;

/**
 * The geometry of a letterbox resize: the source image scaled by {@code scale} (aspect ratio kept) and placed at
 * {@code (padLeft, padTop)} on a {@code targetWidth x targetHeight} canvas. Maps boxes either way:
 * {@code target = source * scale + pad}, {@code source = (target - pad) / scale}.
 *
 * @param sourceWidth width of the original image
 * @param sourceHeight height of the original image
 * @param targetWidth width of the canvas the model sees
 * @param targetHeight height of the canvas the model sees
 * @param scale resize factor, positive
 * @param padLeft canvas columns left of the image
 * @param padTop canvas rows above the image
 */
public record LetterboxTransform(int sourceWidth, int sourceHeight, int targetWidth, int targetHeight, float scale,
        float padLeft, float padTop) {
    public LetterboxTransform {
        if (sourceWidth < 1 || sourceHeight < 1 || targetWidth < 1 || targetHeight < 1) {
            throw new IllegalArgumentException("letterbox sizes must be positive, got source " + sourceWidth + "x"
                    + sourceHeight + ", target " + targetWidth + "x" + targetHeight);
        }
        if (!(scale > 0) || Float.isInfinite(scale)) {
            throw new IllegalArgumentException("letterbox scale must be positive, got " + scale);
        }
    }

    /**
     * The largest scale at which a {@code sourceWidth x sourceHeight} image fits the target, centred (the padding
     * split evenly, the odd pixel going right and below).
     */
    public static LetterboxTransform fit(int sourceWidth, int sourceHeight, int targetWidth, int targetHeight) {
        float scale = Math.min((float) targetWidth / sourceWidth, (float) targetHeight / sourceHeight);
        int resizedWidth = resizedSize(sourceWidth, scale, targetWidth);
        int resizedHeight = resizedSize(sourceHeight, scale, targetHeight);
        return new LetterboxTransform(sourceWidth, sourceHeight, targetWidth, targetHeight, scale,
                (targetWidth - resizedWidth) / 2, (targetHeight - resizedHeight) / 2);
    }

    /** The identity for an image already at the model's size. */
    public static LetterboxTransform identity(int width, int height) {
        return new LetterboxTransform(width, height, width, height, 1f, 0f, 0f);
    }

    /** Width of the scaled image on the canvas, in whole pixels. */
    public int resizedWidth() {
        return resizedSize(sourceWidth, scale, targetWidth);
    }

    /** Height of the scaled image on the canvas, in whole pixels. */
    public int resizedHeight() {
        return resizedSize(sourceHeight, scale, targetHeight);
    }

    /** A source box {@code (x1, y1, x2, y2)} on the canvas. */
    public float[] toTarget(float[] box) {
        return new float[] {box[0] * scale + padLeft, box[1] * scale + padTop, box[2] * scale + padLeft,
            box[3] * scale + padTop};
    }

    /** A canvas box {@code (x1, y1, x2, y2)} in source pixels, clipped to the source image. */
    public float[] toSource(float[] box) {
        return new float[] {
            clamp((box[0] - padLeft) / scale, sourceWidth), clamp((box[1] - padTop) / scale, sourceHeight),
            clamp((box[2] - padLeft) / scale, sourceWidth), clamp((box[3] - padTop) / scale, sourceHeight)};
    }

    private static float clamp(float v, int max) {
        return Math.max(0f, Math.min(max, v));
    }

    private static int resizedSize(int source, float scale, int target) {
        return Math.min(target, Math.max(1, Math.round(source * scale)));
    }
}
