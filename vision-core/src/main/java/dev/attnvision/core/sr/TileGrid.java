package dev.attnvision.core.sr;

import java.util.ArrayList;
import java.util.List;

/**
 * The tiles that cover an image for tiled super-resolution. Each axis is cut into the fewest tiles no longer than
 * the maximum, all of one length ({@code ceil(size / ceil(size / max))}, so no thin last tile is left over; the
 * last one is shifted back to end on the border and overlaps its neighbour by less than a tile). Each tile is run
 * on a context window reaching {@code pad} pixels beyond it; the window keeps its full size by sliding inward at
 * the image border, where it starts on the border itself, so the network's own zero padding sees exactly what it
 * sees on the whole image.
 */
final class TileGrid {
    private TileGrid() {}

    /**
     * One tile, in input pixels: the core it produces and the context window it is run on.
     *
     * @param x the core's left column
     * @param y the core's top row
     * @param width the core's width
     * @param height the core's height
     * @param contextX the window's left column
     * @param contextY the window's top row
     * @param contextWidth the window's width
     * @param contextHeight the window's height
     */
    record Tile(int x, int y, int width, int height, int contextX, int contextY, int contextWidth, int contextHeight) {}

    /** One axis cut: where the cores start, their common length, and the windows' starts and common length. */
    private record Axis(int[] starts, int length, int[] contextStarts, int contextLength) {
        static Axis cut(int size, int maxTile, int pad) {
            int count = (size + maxTile - 1) / maxTile;
            int length = (size + count - 1) / count;
            int contextLength = Math.min(size, length + 2 * pad);
            int[] starts = new int[count];
            int[] contextStarts = new int[count];
            for (int i = 0; i < count; i++) {
                starts[i] = Math.min(i * length, size - length);
                contextStarts[i] = Math.max(0, Math.min(starts[i] - pad, size - contextLength));
            }
            return new Axis(starts, length, contextStarts, contextLength);
        }
    }

    /**
     * The tiles of a {@code width} x {@code height} image, row by row.
     *
     * @param maxTile the longest tile side, at least 1
     * @param pad context pixels wanted on each side of a tile, at least 0
     */
    static List<Tile> cover(int width, int height, int maxTile, int pad) {
        if (width < 1 || height < 1 || maxTile < 1 || pad < 0) {
            throw new IllegalArgumentException("cannot tile a " + width + "x" + height + " image with tiles of at most "
                    + maxTile + " and padding " + pad);
        }
        Axis columns = Axis.cut(width, maxTile, pad);
        Axis rows = Axis.cut(height, maxTile, pad);
        List<Tile> tiles = new ArrayList<>(rows.starts().length * columns.starts().length);
        for (int r = 0; r < rows.starts().length; r++) {
            for (int c = 0; c < columns.starts().length; c++) {
                tiles.add(new Tile(columns.starts()[c], rows.starts()[r], columns.length(), rows.length(),
                        columns.contextStarts()[c], rows.contextStarts()[r], columns.contextLength(),
                        rows.contextLength()));
            }
        }
        return tiles;
    }
}
