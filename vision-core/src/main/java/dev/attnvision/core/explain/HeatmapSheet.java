package dev.attnvision.core.explain;

import dev.attnvision.core.image.CubicResize;
import dev.attnvision.core.image.PerceptualColorMap;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.image.RasterChannels;
import dev.attnvision.core.image.RasterImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * A contact sheet of attention maps over one image: a title, the {@link HeatmapOverlay}s in a grid (each labelled in
 * its top-left corner), a colour bar with the range's low, middle and high values, and a caption naming the scale.
 * One map makes a single large overlay. Tiles are the image scaled to 160..256 px on the long side (320..768 px for a
 * single map), so small inputs stay legible and large ones keep the sheet a reasonable size.
 *
 * @param part the output part it is written as
 * @param title the line at the top
 * @param image the picture under every map
 * @param maps the maps, in reading order
 * @param range the values the colours span, shared by all tiles so they compare
 * @param scaleLabel what the colours measure, e.g. "mask value"
 * @param columns tiles per row (fewer when there are fewer maps)
 * @param opacity of the colours over the image, 0 to 1
 */
public record HeatmapSheet(String part, String title, Raster image, List<AttentionMap> maps, ValueRange range,
        String scaleLabel, int columns, double opacity) implements Figure {
    /** The colours' opacity the explainers use: the map reads clearly and the image stays recognisable. */
    public static final double STANDARD_OPACITY = 0.55;

    private static final int MARGIN = 12;
    private static final int GAP = 6;
    private static final int BAR_WIDTH = 14;
    private static final int TILE_MIN = 160;
    private static final int TILE_MAX = 256;
    private static final int SINGLE_MIN = 320;
    private static final int SINGLE_MAX = 768;

    public HeatmapSheet {
        maps = List.copyOf(maps);
        if (maps.isEmpty()) {
            throw new IllegalArgumentException("a heatmap sheet needs at least one map");
        }
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be at least 1, got " + columns);
        }
    }

    @Override
    public Raster render() {
        Raster rgb = RasterChannels.rgb(image);
        int cols = Math.min(columns, maps.size());
        int rows = (maps.size() + cols - 1) / cols;
        double scale = tileScale(rgb);
        int tileW = Math.max(1, (int) Math.round(rgb.width() * scale));
        int tileH = Math.max(1, (int) Math.round(rgb.height() * scale));
        Raster base = tileW == rgb.width() && tileH == rgb.height() ? rgb : CubicResize.resize(rgb, tileW, tileH);

        String[] ticks = {tick(range.high()), tick((range.low() + range.high()) / 2), tick(range.low())};
        int tickWidth = 0;
        for (String t : ticks) {
            tickWidth = Math.max(tickWidth, Captions.width(t, Captions.LABEL));
        }
        String caption = "colour: " + scaleLabel + ", " + ticks[2] + " (dark) to " + ticks[0] + " (light)";
        int gridW = cols * tileW + (cols - 1) * GAP;
        int gridH = rows * tileH + (rows - 1) * GAP;
        int top = MARGIN + Captions.ascent(Captions.TITLE) + MARGIN;
        int width = Math.max(MARGIN + gridW + MARGIN + BAR_WIDTH + 6 + tickWidth + MARGIN,
                2 * MARGIN + Math.max(Captions.width(title, Captions.TITLE), Captions.width(caption, Captions.LABEL)));
        int height = top + gridH + MARGIN + Captions.ascent(Captions.LABEL) + MARGIN;

        BufferedImage sheet = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Captions.graphics(sheet);
        try {
            g.setColor(Captions.BACKGROUND);
            g.fillRect(0, 0, width, height);
            Captions.draw(g, title, Captions.TITLE, MARGIN, MARGIN);
            for (int i = 0; i < maps.size(); i++) {
                int x = MARGIN + (i % cols) * (tileW + GAP);
                int y = top + (i / cols) * (tileH + GAP);
                AttentionMap map = maps.get(i);
                g.drawImage(RasterImages.toBufferedImage(HeatmapOverlay.blend(base, map, range, opacity)), x, y, null);
                if (!map.label().isEmpty()) {
                    Captions.draw(g, map.label(), Captions.LABEL, x + 4, y + 4);
                }
            }
            drawColourBar(g, MARGIN + gridW + MARGIN, top, gridH, ticks);
            Captions.draw(g, caption, Captions.LABEL, MARGIN, top + gridH + MARGIN);
        } finally {
            g.dispose();
        }
        return RasterImages.fromBufferedImage(sheet);
    }

    /** How much the image is scaled for one tile. */
    private double tileScale(Raster rgb) {
        int low = maps.size() == 1 ? SINGLE_MIN : TILE_MIN;
        int high = maps.size() == 1 ? SINGLE_MAX : TILE_MAX;
        int longest = Math.max(rgb.width(), rgb.height());
        return longest < low ? low / (double) longest : longest > high ? high / (double) longest : 1;
    }

    /** The colour map from the range's high (top) to low (bottom), outlined, with ticks at top, middle and bottom. */
    private static void drawColourBar(Graphics2D g, int x, int y, int height, String[] ticks) {
        for (int row = 0; row < height; row++) {
            float[] rgb = PerceptualColorMap.rgb(1 - row / (double) Math.max(1, height - 1));
            g.setColor(new Color(Math.round(rgb[0]), Math.round(rgb[1]), Math.round(rgb[2])));
            g.fillRect(x, y + row, BAR_WIDTH, 1);
        }
        g.setColor(Color.LIGHT_GRAY);
        g.drawRect(x, y, BAR_WIDTH - 1, height - 1);
        int textHeight = Captions.ascent(Captions.LABEL);
        int[] tops = {y, y + (height - textHeight) / 2, y + height - textHeight};
        for (int i = 0; i < ticks.length; i++) {
            Captions.draw(g, ticks[i], Captions.LABEL, x + BAR_WIDTH + 6, tops[i]);
        }
    }

    private static String tick(double value) {
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.0f" : "%.2f", value);
    }
}
