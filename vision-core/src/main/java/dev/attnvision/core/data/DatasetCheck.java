package dev.attnvision.core.data;

import dev.attnvision.core.data.DataIssue.Kind;
import dev.attnvision.core.image.ImageCodec;
import dev.attnvision.core.image.Raster;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What {@code attnvision data check} reports and {@code train detect} prints before training: a dataset's layout,
 * images and boxes per split and class, box sides against the anchors, and every {@link DataIssue}. Each image is
 * decoded once, so a file that is not an image, is truncated, or is not the size its annotation says is found here
 * (and left out) rather than in the middle of an epoch.
 */
public final class DatasetCheck {
    /** The share of boxes without a well-fitting anchor from which the report suggests what to change. */
    private static final double POOR_FIT_SHARE = 0.1;

    private final FoundDataset found;
    private final List<DataIssue> issues;
    private final Set<Path> unusable;

    private DatasetCheck(FoundDataset found, List<DataIssue> issues, Set<Path> unusable) {
        this.found = found;
        this.issues = List.copyOf(issues);
        this.unusable = Set.copyOf(unusable);
    }

    /** How well a box's shape fits the detector's anchors: the best IoU of a centred box with an anchor shape. */
    public interface AnchorFit {
        /** The best IoU of a {@code width x height} box (input pixels) centred on an anchor of the same centre. */
        double bestIou(double width, double height);

        /** The IoU below which a box gets no anchor of its own ({@code MaxIouAssigner}'s positive threshold). */
        double threshold();

        /** The anchors, for the report: {@code "32-813 px on P3-P7, 9 per cell"}. */
        String description();
    }

    /** Decodes every image of {@code found} (each file once) with {@code workers} threads and collects the issues. */
    public static DatasetCheck run(FoundDataset found, ImageCodec codec, int workers) throws IOException {
        return run(found, found.splits().keySet(), codec, workers);
    }

    /** {@link #run(FoundDataset, ImageCodec, int)} decoding only the images of the splits {@code decoded}. */
    public static DatasetCheck run(FoundDataset found, Collection<String> decoded, ImageCodec codec, int workers)
            throws IOException {
        Map<Path, ImageAnnotation> images = new LinkedHashMap<>();
        decoded.forEach(name -> found.splits().get(name).images().forEach(a -> images.putIfAbsent(a.image(), a)));
        List<DataIssue> issues = new ArrayList<>(found.issues());
        Set<Path> unusable = new HashSet<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, workers));
        try {
            Map<Path, Future<String>> problems = new LinkedHashMap<>();
            for (ImageAnnotation annotation : images.values()) {
                problems.put(annotation.image(), pool.submit(() -> problem(codec, annotation)));
            }
            for (Map.Entry<Path, Future<String>> entry : problems.entrySet()) {
                String problem = entry.getValue().get();
                if (problem != null) {
                    unusable.add(entry.getKey());
                    issues.add(new DataIssue(entry.getKey(), problem.startsWith("the annotation says")
                            ? Kind.SIZE_MISMATCH : Kind.UNREADABLE_IMAGE, problem + "; left out"));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while checking the images of " + found.path(), e);
        } catch (ExecutionException e) {
            throw new IOException("checking the images of " + found.path() + " failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new DatasetCheck(found, issues, unusable);
    }

    private static String problem(ImageCodec codec, ImageAnnotation annotation) {
        Raster raster;
        try {
            raster = codec.read(annotation.image());
        } catch (IOException e) {
            return e.getMessage();
        }
        if (raster.width() != annotation.width() || raster.height() != annotation.height()) {
            return "the annotation says " + annotation.width() + "x" + annotation.height() + " but the image is "
                    + raster.width() + "x" + raster.height() + " (resized or rotated after labelling?)";
        }
        return null;
    }

    /** The dataset checked. */
    public FoundDataset found() {
        return found;
    }

    /** Every issue: the readers' and the unreadable images, in the order found. */
    public List<DataIssue> issues() {
        return issues;
    }

    /** Whether any issue is an error ({@link Kind#error()}). */
    public boolean hasErrors() {
        return issues.stream().anyMatch(i -> i.kind().error());
    }

    /** {@code split} without the images that could not be decoded or are not the size annotated. */
    public DetectionDataset usable(DetectionDataset split) {
        return split.withImages(split.images().stream().filter(a -> !unusable.contains(a.image())).toList());
    }

    /**
     * The dataset without those images, in every split; a dataset without split lists is split after they are
     * taken out, so that a held-out split never loses its images to them.
     */
    public FoundDataset usable() {
        Map<String, DetectionDataset> splits = new LinkedHashMap<>();
        found.splits().forEach((name, split) -> splits.put(name, usable(split)));
        return new FoundDataset(found.path(), found.layout(), found.classNames(), splits, found.listed());
    }

    /**
     * Prints the report.
     *
     * @param splits the splits to tabulate by name (a held-out split's train and val, or the listed ones)
     * @param side the input side images are letterboxed to, at which box sides are given
     * @param anchors the detector's anchors, or null to leave the anchor column out
     * @param issueLimit at most this many issues are listed (the count of the rest is given)
     */
    public void print(PrintStream out, Map<String, DetectionDataset> splits, int side, AnchorFit anchors,
            int issueLimit) {
        List<String> classes = found.classNames();
        out.printf(Locale.ROOT, "%s: %s, %d %s%n", found.path(), found.layout(), classes.size(),
                classes.size() == 1 ? "class" : "classes");
        List<String> header = new ArrayList<>(List.of("split", "images", "backgrounds", "boxes"));
        header.addAll(classes);
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, DetectionDataset> split : splits.entrySet()) {
            List<ImageAnnotation> images = usable(split.getValue()).images();
            long[] perClass = new long[classes.size()];
            images.forEach(a -> a.boxes().forEach(b -> perClass[b.classId()]++));
            List<String> row = new ArrayList<>(List.of(split.getKey(), Integer.toString(images.size()),
                    Long.toString(images.stream().filter(a -> a.boxes().isEmpty()).count()),
                    Long.toString(Arrays.stream(perClass).sum())));
            Arrays.stream(perClass).forEach(n -> row.add(Long.toString(n)));
            rows.add(row);
        }
        table(out, header, rows);
        printBoxSides(out, splits, side, anchors);
        long errors = issues.stream().filter(i -> i.kind().error()).count();
        out.printf(Locale.ROOT, "issues: %d errors, %d warnings%n", errors, issues.size() - errors);
        Map<String, Long> byKind = new LinkedHashMap<>();
        issues.forEach(i -> byKind.merge(i.kind().label(), 1L, Long::sum));
        if (!byKind.isEmpty()) {
            List<String> counts = new ArrayList<>();
            byKind.forEach((kind, n) -> counts.add(kind + " " + n));
            out.println("  " + String.join(", ", counts));
        }
        issues.stream().limit(issueLimit).forEach(i -> out.println("  " + i));
        if (issues.size() > issueLimit) {
            out.printf(Locale.ROOT, "  ... and %d more (attnvision data check lists them all)%n",
                    issues.size() - issueLimit);
        }
    }

    private void printBoxSides(PrintStream out, Map<String, DetectionDataset> splits, int side, AnchorFit anchors) {
        List<String> classes = found.classNames();
        List<List<Double>> sides = new ArrayList<>();
        classes.forEach(c -> sides.add(new ArrayList<>()));
        long[] poor = new long[classes.size()];
        Set<Path> seen = new LinkedHashSet<>();
        for (DetectionDataset split : splits.values()) {
            for (ImageAnnotation a : usable(split).images()) {
                if (!seen.add(a.image())) {
                    continue;
                }
                double scale = (double) side / Math.max(a.width(), a.height());
                for (BoxLabel b : a.boxes()) {
                    double w = b.width() * scale;
                    double h = b.height() * scale;
                    sides.get(b.classId()).add(Math.sqrt(w * h));
                    if (anchors != null && anchors.bestIou(w, h) < anchors.threshold()) {
                        poor[b.classId()]++;
                    }
                }
            }
        }
        out.printf(Locale.ROOT, "box sides at %d px (sqrt(w*h) once letterboxed)%s:%n", side,
                anchors == null ? "" : "; anchors " + anchors.description());
        List<String> header = new ArrayList<>(List.of("class", "boxes", "min", "median", "max"));
        if (anchors != null) {
            header.add(String.format(Locale.ROOT, "anchor IoU<%.1f", anchors.threshold()));
        }
        List<List<String>> rows = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            List<Double> s = sides.get(c).stream().sorted().toList();
            List<String> row = new ArrayList<>(List.of(classes.get(c), Integer.toString(s.size())));
            if (s.isEmpty()) {
                row.addAll(List.of("-", "-", "-"));
            } else {
                row.addAll(List.of(px(s.get(0)), px(s.get(s.size() / 2)), px(s.get(s.size() - 1))));
            }
            if (anchors != null) {
                row.add(s.isEmpty() ? "-" : String.format(Locale.ROOT, "%.0f%%", 100.0 * poor[c] / s.size()));
            }
            rows.add(row);
        }
        table(out, header, rows);
        List<String> poorlyFit = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            if (anchors != null && !sides.get(c).isEmpty() && poor[c] >= POOR_FIT_SHARE * sides.get(c).size()) {
                poorlyFit.add(classes.get(c));
            }
        }
        if (!poorlyFit.isEmpty()) {
            out.printf(Locale.ROOT, "  many %s boxes overlap no anchor by IoU %.1f: keep the default --assigner atss"
                    + " (max-iou learns them only from their best anchors); for small boxes --anchor-base 2 makes the"
                    + " anchors smaller and a larger --img-size the boxes larger%n", String.join(", ", poorlyFit),
                    anchors.threshold());
        }
    }

    private static String px(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static void table(PrintStream out, List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder(" ");
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                line.append(' ').append(i == 0 ? pad(cell, widths[i], false) : pad(cell, widths[i], true));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String pad(String s, int width, boolean right) {
        String space = " ".repeat(width - s.length());
        return right ? space + s : s + space;
    }
}
