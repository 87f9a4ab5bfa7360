package dev.attnvision.core.data;

import dev.attnvision.core.data.DataIssue.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads a YOLO (Ultralytics) dataset: a {@code data.yaml} with {@code names} (a list, or a map from id to name),
 * an optional {@code path} (the root, relative to the yaml's folder) and one entry per split naming a folder of
 * images or a {@code .txt} list of image paths. Each image {@code .../images/.../x.jpg} has its labels in
 * {@code .../labels/.../x.txt}, one object per line: {@code class cx cy w h}, normalised to the image size. An
 * image without a label file has no objects. The same {@code images/} and {@code labels/} folders without a yaml
 * take their class names from a {@code classes.txt} (as labelImg writes it).
 */
public final class YoloDetectionDataset {
    private static final Set<String> NOT_SPLITS = Set.of("path", "names", "nc", "download", "kpt_shape", "flip_idx");

    private YoloDetectionDataset() {}

    /**
     * Reads the split {@code split} (e.g. {@code train}, {@code val}) of the dataset described by {@code dataYaml}.
     *
     * @throws IOException if the yaml is unreadable or malformed
     * @throws IllegalArgumentException if it has no such split
     */
    public static DetectionDataset read(Path dataYaml, String split) throws IOException {
        Map<String, Object> yaml = loadYaml(dataYaml);
        List<String> classes = classNames(yaml, dataYaml);
        Object entry = yaml.get(split);
        if (entry == null) {
            throw new IllegalArgumentException(dataYaml + " has no split '" + split + "'; its splits: "
                    + String.join(", ", splits(yaml)));
        }
        return read(listImages(root(yaml, dataYaml).resolve(entry.toString())), classes);
    }

    /** The splits {@code dataYaml} names (its entries other than {@code path}, {@code names}, {@code nc}, ...). */
    static List<String> splits(Path dataYaml) throws IOException {
        return splits(loadYaml(dataYaml));
    }

    /** Whether {@code file} is a YOLO data.yaml: a YAML mapping with {@code names}. */
    static boolean isDataYaml(Path file) {
        try {
            return loadYaml(file).containsKey("names");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Reads {@code images} with their label files ({@link #labelFile}); an image without one is a background. A
     * malformed line or a class id outside {@code classes} is an issue, and the file's other lines are read.
     */
    static DetectionDataset read(List<Path> images, List<String> classes) {
        BoxSanitizer sanitizer = new BoxSanitizer();
        List<ImageAnnotation> annotations = new ArrayList<>();
        for (Path image : images) {
            annotate(image, classes, sanitizer).ifPresent(annotations::add);
        }
        return new DetectionDataset(classes, annotations, sanitizer.issues());
    }

    /** The class names of a {@code classes.txt} (one per line, the line number is the id). */
    static List<String> classesTxt(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The label file of an image: the last {@code images} folder of its path replaced by {@code labels}. */
    static Path labelFile(Path image) {
        Path absolute = image.toAbsolutePath();
        List<String> parts = new ArrayList<>();
        absolute.forEach(part -> parts.add(part.toString()));
        int last = parts.size() - 1;
        int imagesAt = parts.subList(0, last).lastIndexOf("images");
        if (imagesAt >= 0) {
            parts.set(imagesAt, "labels");
        }
        String name = parts.get(last);
        parts.set(last, (name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name) + ".txt");
        Path out = absolute.getRoot();
        for (String part : parts) {
            out = out.resolve(part);
        }
        return out;
    }

    private static Optional<ImageAnnotation> annotate(Path image, List<String> classes, BoxSanitizer sanitizer) {
        Optional<ImageAnnotation> unboxed = ImageFiles.annotation(image, List.of(), classes, sanitizer);
        if (unboxed.isEmpty()) {
            return unboxed;
        }
        int width = unboxed.get().width();
        int height = unboxed.get().height();
        Path labels = labelFile(image);
        if (!Files.isRegularFile(labels)) {
            sanitizer.issue(image, Kind.UNLABELLED_IMAGE, "no label file " + labels + "; kept as a background");
            return unboxed;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(labels);
        } catch (IOException e) {
            sanitizer.issue(labels, Kind.UNREADABLE_ANNOTATION, e + "; image left out");
            return Optional.empty();
        }
        List<BoxLabel> boxes = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (!line.isEmpty()) {
                parseLine(line, labels, n + 1, width, height, classes, sanitizer).ifPresent(boxes::add);
            }
        }
        List<BoxLabel> kept = sanitizer.sanitize(boxes, width, height, classes, labels, "");
        return Optional.of(new ImageAnnotation(image, width, height, kept, classes));
    }

    private static Optional<BoxLabel> parseLine(String line, Path file, int lineNumber, int width, int height,
            List<String> classes, BoxSanitizer sanitizer) {
        String[] parts = line.split("\\s+");
        String where = "line " + lineNumber + " ('" + line + "')";
        if (parts.length != 5) {
            sanitizer.issue(file, Kind.UNREADABLE_ANNOTATION, where + ": expected 'class cx cy w h'; left out");
            return Optional.empty();
        }
        try {
            int classId = Integer.parseInt(parts[0]);
            if (classId < 0 || classId >= classes.size()) {
                sanitizer.issue(file, Kind.UNKNOWN_CLASS, where + ": class " + classId + " is not in 0.."
                        + (classes.size() - 1) + " (names " + classes + "); left out");
                return Optional.empty();
            }
            float cx = Float.parseFloat(parts[1]) * width;
            float cy = Float.parseFloat(parts[2]) * height;
            float w = Float.parseFloat(parts[3]) * width;
            float h = Float.parseFloat(parts[4]) * height;
            if (!Float.isFinite(cx) || !Float.isFinite(cy) || !Float.isFinite(w) || !Float.isFinite(h)) {
                throw new NumberFormatException("not finite");
            }
            return Optional.of(new BoxLabel(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, classId));
        } catch (NumberFormatException e) {
            sanitizer.issue(file, Kind.UNREADABLE_ANNOTATION, where + ": not a number (" + e.getMessage()
                    + "); left out");
            return Optional.empty();
        }
    }

    private static List<Path> listImages(Path source) throws IOException {
        if (Files.isDirectory(source)) {
            return ImageFiles.list(source);
        }
        if (Files.isRegularFile(source) && source.toString().endsWith(".txt")) {
            Path folder = source.getParent();
            return Files.readAllLines(source).stream().map(String::strip).filter(s -> !s.isEmpty())
                    .map(folder::resolve).toList();
        }
        throw new InvalidDatasetException("split source " + source + " is neither a folder of images nor a .txt list of"
                + " images; fix that entry of the data.yaml");
    }

    private static Path root(Map<String, Object> yaml, Path dataYaml) {
        Path base = dataYaml.toAbsolutePath().getParent();
        return yaml.get("path") == null ? base : base.resolve(yaml.get("path").toString());
    }

    private static List<String> splits(Map<String, Object> yaml) {
        return yaml.keySet().stream().filter(k -> !NOT_SPLITS.contains(k)).sorted().toList();
    }

    private static Map<String, Object> loadYaml(Path dataYaml) throws IOException {
        try (InputStream in = Files.newInputStream(dataYaml)) {
            Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            if (!(loaded instanceof Map<?, ?> map)) {
                throw new InvalidDatasetException(dataYaml + " is not a YAML mapping with 'names' and split entries");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) map;
            return typed;
        }
    }

    private static List<String> classNames(Map<String, Object> yaml, Path dataYaml) throws IOException {
        Object names = yaml.get("names");
        if (names instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (names instanceof Map<?, ?> map) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < map.size(); i++) {
                Object name = map.get(i);
                if (name == null) {
                    throw new InvalidDatasetException(dataYaml + ": 'names' must map the ids 0.." + (map.size() - 1)
                            + " without gaps, got keys " + map.keySet());
                }
                out.add(name.toString());
            }
            return out;
        }
        throw new InvalidDatasetException(dataYaml + " needs 'names': a list of class names or a map from id to name");
    }
}
