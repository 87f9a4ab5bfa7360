package dev.attnvision.core.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The training log as CSV: {@code iteration,loss,lr,seconds} then one column per validation metric, empty on rows
 * without validation. {@code loss} is the mean over the iterations since the previous row, {@code seconds} the
 * training wall time so far. Each row is flushed as it is written, so the file can be watched during a run.
 */
public final class TrainingLog {
    private static final List<String> FIXED = List.of("iteration", "loss", "lr", "seconds");
    private final Path file;
    private final List<String> metrics;

    /**
     * One row of the log.
     *
     * @param iteration iterations completed
     * @param loss mean training loss since the previous row
     * @param lr learning rate of the last iteration
     * @param seconds training wall time so far
     * @param metrics validation metrics by name, empty when this row has none
     */
    public record Row(long iteration, double loss, double lr, double seconds, Map<String, Double> metrics) {
        public Row {
            metrics = Map.copyOf(metrics);
        }
    }

    /** A log in {@code file} with the given metric columns. */
    public TrainingLog(Path file, List<String> metrics) {
        this.file = file;
        this.metrics = List.copyOf(metrics);
    }

    /**
     * Prepares the file for a run that has completed {@code iteration} iterations: a new run (0) starts a fresh file;
     * a resumed one keeps the rows up to {@code iteration} and drops later ones, which the interrupted session wrote
     * after its last checkpoint and the resumed session will write again.
     */
    public void startAt(long iteration) throws IOException {
        List<Row> kept = iteration == 0 || !Files.exists(file) ? List.of()
                : read().stream().filter(r -> r.iteration() <= iteration).toList();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            out.write(header());
            for (Row row : kept) {
                out.write(format(row));
            }
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Appends a row. */
    public void append(Row row) throws IOException {
        Files.writeString(file, format(row), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /**
     * All rows of the file. A log written before some of this log's metric columns existed (a run resumed by a newer
     * version) is read by its own header, the newer columns empty; an unfinished last line (a session stopped while
     * writing it) is left out.
     *
     * @throws IllegalArgumentException naming the file if its header is not that of a training log of these metrics,
     *     or a row before the last does not parse
     */
    public List<Row> read() throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> columns = lines.isEmpty() ? List.of() : List.of(lines.get(0).split(",", -1));
        if (columns.size() < FIXED.size() || !columns.subList(0, FIXED.size()).equals(FIXED)
                || !metrics.containsAll(columns.subList(FIXED.size(), columns.size()))) {
            throw new IllegalArgumentException(file + " is not a training log with columns " + header().strip()
                    + "; resume a run with the settings it started with, or write to a new folder");
        }
        List<Row> rows = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            try {
                rows.add(parse(lines.get(n).split(",", -1), columns));
            } catch (RuntimeException e) {
                if (n < lines.size() - 1) {
                    throw new IllegalArgumentException(file + ", line " + (n + 1) + " is not a row of the training log ("
                            + lines.get(n) + "); repair or remove that line, or write to a new folder", e);
                }
            }
        }
        return rows;
    }

    private static Row parse(String[] cells, List<String> columns) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + columns.size() + " columns");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = FIXED.size(); i < columns.size(); i++) {
            if (!cells[i].isEmpty()) {
                values.put(columns.get(i), Double.parseDouble(cells[i]));
            }
        }
        return new Row(Long.parseLong(cells[0]), Double.parseDouble(cells[1]), Double.parseDouble(cells[2]),
                Double.parseDouble(cells[3]), values);
    }

    /** The metric column names. */
    public List<String> metrics() {
        return metrics;
    }

    private String header() {
        List<String> all = new ArrayList<>(FIXED);
        all.addAll(metrics);
        return String.join(",", all) + "\n";
    }

    private String format(Row row) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%d,%.6f,%.6g,%.3f",
                row.iteration(), row.loss(), row.lr(), row.seconds()));
        for (String metric : metrics) {
            Double value = row.metrics().get(metric);
            line.append(',').append(value == null ? "" : String.format(Locale.ROOT, "%.6f", value));
        }
        return line.append('\n').toString();
    }
}
