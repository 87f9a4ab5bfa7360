package dev.attnvision.core.image;

/**
 * The eight flips and quarter turns of an image (the dihedral group of the square): an optional transpose, then an
 * optional mirror of columns and of rows. They are what test-time augmentation averages over ({@code
 * core.sr.SelfEnsemble}).
 */
public enum Dihedral {
    IDENTITY(false, false, false),
    MIRROR(false, true, false),
    FLIP(false, false, true),
    ROTATE_180(false, true, true),
    TRANSPOSE(true, false, false),
    ROTATE_90_CLOCKWISE(true, true, false),
    ROTATE_90_COUNTERCLOCKWISE(true, false, true),
    TRANSVERSE(true, true, true);

    private final boolean transpose;
    private final boolean mirrorColumns;
    private final boolean mirrorRows;

    Dihedral(boolean transpose, boolean mirrorColumns, boolean mirrorRows) {
        this.transpose = transpose;
        this.mirrorColumns = mirrorColumns;
        this.mirrorRows = mirrorRows;
    }

    /** The transform that undoes this one: itself, but for the quarter turns, which undo each other. */
    public Dihedral inverse() {
        if (!transpose) {
            return this;
        }
        // mirroring columns after a transpose is mirroring rows before it
        for (Dihedral d : values()) {
            if (d.transpose && d.mirrorColumns == mirrorRows && d.mirrorRows == mirrorColumns) {
                return d;
            }
        }
        throw new AssertionError(this);
    }

    /** Whether width and height trade places. */
    public boolean swapsSides() {
        return transpose;
    }

    /** The image transformed, stored alike. */
    public Raster apply(Raster image) {
        int width = transpose ? image.height() : image.width();
        int height = transpose ? image.width() : image.height();
        Raster out = new Raster(width, height, image.channels(), image.bitDepth(),
                image.samples().newOfLength(image.samples().length()));
        int channels = image.channels();
        movePixels(image.width(), image.height(), (from, to) ->
                out.samples().copyFrom(image.samples(), from * channels, to * channels, channels));
        return out;
    }

    /**
     * Calls {@code move} with the index ({@code y * width + x}) of every pixel of a {@code width x height} image and
     * the index of the pixel it becomes in the transformed image.
     */
    public void movePixels(int width, int height, PixelMove move) {
        int outWidth = transpose ? height : width;
        int outHeight = transpose ? width : height;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int u = transpose ? y : x;
                int v = transpose ? x : y;
                if (mirrorColumns) {
                    u = outWidth - 1 - u;
                }
                if (mirrorRows) {
                    v = outHeight - 1 - v;
                }
                move.move(y * width + x, v * outWidth + u);
            }
        }
    }

    /** A pixel's index in the image and in the transformed image. */
    @FunctionalInterface
    public interface PixelMove {
        void move(int from, int to);
    }
}
