package dev.attnvision.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads a YOLO (Ultralytics) dataset: a {@code data.yaml} with {@code names} (a list, or a map from id to name),
 * an optional {@code path} (the root, relative to the yaml's folder) and one entry per split naming a folder of
 * images or a {@code .txt} list of image paths. Each image {@code .../images/.../x.jpg} has its labels in
 * {@code .../labels/.../x.txt}, one object per line: {@code class cx cy w h}, normalised to the image size. An
 * image without a label file has no objects.
 */
public final class YoloDetectionDataset {
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif");

    private YoloDetectionDataset() {}

    /**
     * Reads the split {@code split} (e.g. {@code train}, {@code val}) of the dataset described by {@code dataYaml}.
     *
     * @throws IOException if the yaml, an image or a label file is missing or malformed
     */
    public static DetectionDataset read(Path dataYaml, String split) throws IOException {
        Map<String, Object> yaml = loadYaml(dataYaml);
        List<String> classes = classNames(yaml, dataYaml);
        Path base = dataYaml.toAbsolutePath().getParent();
        Path root = yaml.get("path") == null ? base : base.resolve(yaml.get("path").toString());
        Object entry = yaml.get(split);
        if (entry == null) {
            throw new IOException(dataYaml + " has no '" + split + "' entry; it has " + yaml.keySet());
        }
        BoxSanitizer sanitizer = new BoxSanitizer();
        List<ImageAnnotation> images = new ArrayList<>();
        for (Path image : listImages(root.resolve(entry.toString()))) {
            images.add(annotate(image, classes, sanitizer));
        }
        return new DetectionDataset(classes, images, sanitizer.skipped());
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

    private static ImageAnnotation annotate(Path image, List<String> classes, BoxSanitizer sanitizer)
            throws IOException {
        int[] size = ImageHeaders.size(image);
        int width = size[0];
        int height = size[1];
        Path labels = labelFile(image);
        List<BoxLabel> boxes = new ArrayList<>();
        if (Files.isRegularFile(labels)) {
            List<String> lines = Files.readAllLines(labels);
            for (int n = 0; n < lines.size(); n++) {
                String line = lines.get(n).strip();
                if (line.isEmpty()) {
                    continue;
                }
                BoxLabel label = parseLine(line, labels, n + 1, width, height, classes);
                BoxLabel kept = sanitizer.clip(label, width, height, labels, classes.get(label.classId()));
                if (kept != null) {
                    boxes.add(kept);
                }
            }
        }
        return new ImageAnnotation(image, width, height, boxes, classes);
    }

    private static BoxLabel parseLine(String line, Path file, int lineNumber, int width, int height,
            List<String> classes) throws IOException {
        String[] parts = line.split("\\s+");
        String where = file + " line " + lineNumber + " ('" + line + "')";
        if (parts.length != 5) {
            throw new IOException(where + ": expected 'class cx cy w h'");
        }
        try {
            int classId = Integer.parseInt(parts[0]);
            if (classId < 0 || classId >= classes.size()) {
                throw new IOException(where + ": class " + classId + " is not in 0.." + (classes.size() - 1)
                        + " (names " + classes + ")");
            }
            float cx = Float.parseFloat(parts[1]) * width;
            float cy = Float.parseFloat(parts[2]) * height;
            float w = Float.parseFloat(parts[3]) * width;
            float h = Float.parseFloat(parts[4]) * height;
            return new BoxLabel(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, classId);
        } catch (NumberFormatException e) {
            throw new IOException(where + ": not a number: " + e.getMessage(), e);
        }
    }

    private static List<Path> listImages(Path source) throws IOException {
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.list(source)) {
                return files.filter(YoloDetectionDataset::isImage).sorted().toList();
            }
        }
        if (Files.isRegularFile(source) && source.toString().endsWith(".txt")) {
            Path folder = source.getParent();
            return Files.readAllLines(source).stream().map(String::strip).filter(s -> !s.isEmpty())
                    .map(folder::resolve).toList();
        }
        throw new IOException("split source " + source + " is neither a folder of images nor a .txt list of images");
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.contains(".") && IMAGE_EXTENSIONS.contains(name.substring(name.lastIndexOf('.') + 1));
    }

    private static Map<String, Object> loadYaml(Path dataYaml) throws IOException {
        try (InputStream in = Files.newInputStream(dataYaml)) {
            Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            if (!(loaded instanceof Map<?, ?> map)) {
                throw new IOException(dataYaml + " is not a YAML mapping with 'names' and split entries");
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
                    throw new IOException(dataYaml + ": 'names' must map the ids 0.." + (map.size() - 1)
                            + " without gaps, got keys " + map.keySet());
                }
                out.add(name.toString());
            }
            return out;
        }
        throw new IOException(dataYaml + " needs 'names': a list of class names or a map from id to name");
    }
}
