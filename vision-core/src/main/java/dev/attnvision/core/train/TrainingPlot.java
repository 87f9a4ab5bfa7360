package dev.attnvision.core.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a training log as a PNG (XChart): the training loss against iterations on the left axis and one validation
 * metric on the right axis. The file is replaced atomically, so a viewer never sees half an image.
 */
public final class TrainingPlot {
    private TrainingPlot() {}

    /** Writes the chart of {@code rows} to {@code png}, with {@code metric} (may be absent from all rows) on the right. */
    public static void write(List<TrainingLog.Row> rows, String metric, String title, Path png) throws IOException {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("nothing to plot: the training log has no rows yet");
        }
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("iteration").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.setYAxisGroupTitle(0, "training loss");
        double[] x = rows.stream().mapToDouble(TrainingLog.Row::iteration).toArray();
        double[] loss = rows.stream().mapToDouble(TrainingLog.Row::loss).toArray();
        chart.addSeries("loss", x, loss).setMarker(SeriesMarkers.NONE);
        List<TrainingLog.Row> validated = rows.stream().filter(r -> r.metrics().containsKey(metric)).toList();
        if (!validated.isEmpty()) {
            XYSeries series = chart.addSeries(metric,
                    validated.stream().mapToDouble(TrainingLog.Row::iteration).toArray(),
                    validated.stream().mapToDouble(r -> r.metrics().get(metric)).toArray());
            series.setYAxisGroup(1);
            series.setMarker(SeriesMarkers.CIRCLE);
            chart.setYAxisGroupTitle(1, metric);
            chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        }
        Path partial = png.resolveSibling(png.getFileName() + ".partial.png");
        BitmapEncoder.saveBitmap(chart, partial.toString(), BitmapEncoder.BitmapFormat.PNG);
        Files.move(partial, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
