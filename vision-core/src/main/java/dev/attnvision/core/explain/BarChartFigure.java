package dev.attnvision.core.explain;

import dev.attnvision.core.image.PerceptualColorMap;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.image.RasterImages;
import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * A bar chart drawn with XChart: one bar per category for each series, side by side or stacked. Series take evenly
 * spaced colours of the {@link PerceptualColorMap}, so they stay apart in grey too; with many categories (channels)
 * only every few are labelled.
 *
 * @param part the output part it is written as
 * @param title the line at the top
 * @param xTitle the category axis' title
 * @param yTitle the value axis' title
 * @param categories one label per bar position
 * @param series the values, one per category each
 * @param stacked whether the series are stacked (parts of a whole) or side by side
 */
public record BarChartFigure(String part, String title, String xTitle, String yTitle, List<String> categories,
        List<Series> series, boolean stacked) implements Figure {
    private static final int HEIGHT = 420;
    private static final int MIN_WIDTH = 640;
    private static final int MAX_WIDTH = 1600;
    private static final int PIXELS_PER_CATEGORY = 34;
    private static final int MAX_LABELS = 32;

    /**
     * One series of bars.
     *
     * @param name its legend entry
     * @param values one value per category
     */
    public record Series(String name, double[] values) {
        public Series {
            values = values.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }
    }

    public BarChartFigure {
        categories = List.copyOf(categories);
        series = List.copyOf(series);
        if (categories.isEmpty() || series.isEmpty()) {
            throw new IllegalArgumentException("a bar chart needs categories and series, got " + categories.size()
                    + " and " + series.size());
        }
        for (Series s : series) {
            if (s.values().length != categories.size()) {
                throw new IllegalArgumentException("series '" + s.name() + "' has " + s.values().length
                        + " values for " + categories.size() + " categories");
            }
        }
    }

    @Override
    public Raster render() {
        int width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, 160 + PIXELS_PER_CATEGORY * categories.size()));
        CategoryChart chart = new CategoryChartBuilder().width(width).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setStacked(stacked);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisMaxLabelCount(MAX_LABELS);
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            List<Double> values = Arrays.stream(s.values()).boxed().toList();
            float[] rgb = PerceptualColorMap.rgb(series.size() == 1 ? 0.35 : 0.15 + 0.7 * k / (series.size() - 1));
            chart.addSeries(s.name(), categories, values)
                    .setFillColor(new Color(Math.round(rgb[0]), Math.round(rgb[1]), Math.round(rgb[2])));
        }
        return RasterImages.fromBufferedImage(BitmapEncoder.getBufferedImage(chart));
    }
}
