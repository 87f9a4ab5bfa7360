package dev.attnvision.core.detect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.attnvision.core.image.AtomicFile;
import dev.attnvision.core.image.Encoding;
import dev.attnvision.core.image.ImageCodec;
import dev.attnvision.core.image.ImageFormat;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.pipeline.ResultFiles;
import dev.attnvision.core.pipeline.ImageResult;
import dev.attnvision.core.pipeline.InputFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a detection run's results beside the annotated images, from the records of {@link DetectOperation}, as
 * each image is reported (in input order):
 *
 * <ul>
 *   <li>{@code labels/<input path>.txt}: YOLO format, one line {@code class cx cy w h [score]} per detection,
 *       centre and size normalised by the image size; an image without detection gets an empty file;
 *   <li>{@code detections.json}: COCO format for the whole run, {@code images} (id, file_name, width, height),
 *       {@code categories} (id = class index + 1, name) and {@code annotations} (image_id, category_id,
 *       {@code bbox [x, y, w, h]} in pixels, area, score), written when the run ends;
 *   <li>{@code detections.csv}: one row per detection, {@code image,width,height,class_id,class,score,x1,y1,x2,y2};
 *   <li>{@code crops/<class>/<input path>_<n>.png}: each detected region, cut from the re-read input image.
 * </ul>
 * Input paths are relative to the folder they were found in, so the tree mirrors the inputs'. A write failure
 * throws {@link UncheckedIOException}, which stops the run.
 */
public final class DetectionFiles implements ResultFiles {
    /**
     * Which files to write.
     *
     * @param txt YOLO label files
     * @param txtScores whether those lines end with the score
     * @param json the COCO file
     * @param csv the CSV file
     * @param crops crop images
     */
    public record Kinds(boolean txt, boolean txtScores, boolean json, boolean csv, boolean crops) {
        /** Whether any file is written at all. */
        public boolean any() {
            return txt || json || csv || crops;
        }
    }

    /** Folder of the YOLO label files. */
    public static final String LABELS = "labels";
    /** Folder of the crops. */
    public static final String CROPS = "crops";
    /** The COCO results file. */
    public static final String JSON_FILE = "detections.json";
    /** The CSV results file. */
    public static final String CSV_FILE = "detections.csv";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path directory;
    private final Map<Path, Path> relativeOf = new HashMap<>();
    private final List<String> classNames;
    private final Kinds kinds;
    private final ImageCodec codec;
    private final List<Map<String, Object>> images = new ArrayList<>();
    private final List<Map<String, Object>> annotations = new ArrayList<>();
    private final BufferedWriter csv;

    /**
     * @param directory the run's output folder
     * @param inputs the run's inputs (for their relative paths)
     * @param classNames the model's classes
     * @param kinds which files to write
     * @param codec re-reads inputs for crops and writes the crops
     */
    public DetectionFiles(Path directory, List<InputFile> inputs, List<String> classNames, Kinds kinds,
            ImageCodec codec) throws IOException {
        this.directory = directory;
        inputs.forEach(input -> relativeOf.put(input.path(), input.relative()));
        this.classNames = List.copyOf(classNames);
        this.kinds = kinds;
        this.codec = codec;
        if (kinds.csv()) {
            Files.createDirectories(directory);
            csv = Files.newBufferedWriter(directory.resolve(CSV_FILE), StandardCharsets.UTF_8);
            csv.write("image,width,height,class_id,class,score,x1,y1,x2,y2\n");
        } else {
            csv = null;
        }
    }

    @Override
    public void started(int total) {
        // every file is written per image or at the end
    }

    @Override
    public void finished(ImageResult result) {
        if (result.status() != ImageResult.Status.OK) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<DetectedObject> found = (List<DetectedObject>) result.fields().get(DetectOperation.DETECTIONS);
        int width = (Integer) result.fields().get("width");
        int height = (Integer) result.fields().get("height");
        Path relative = relativeOf.getOrDefault(result.input(), result.input().getFileName());
        try {
            if (kinds.txt()) {
                writeLabels(relative, found, width, height);
            }
            if (kinds.json()) {
                collectCoco(relative, found, width, height);
            }
            if (kinds.csv()) {
                writeRows(relative, found, width, height);
            }
            if (kinds.crops() && !found.isEmpty()) {
                writeCrops(result.input(), relative, found);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the detection results of " + result.input() + ": "
                    + e.getMessage(), e);
        }
    }

    private void writeLabels(Path relative, List<DetectedObject> found, int width, int height) throws IOException {
        Path file = directory.resolve(labelFile(relative));
        Files.createDirectories(file.getParent());
        AtomicFile.write(file, yoloLabels(found, width, height, kinds.txtScores()).getBytes(StandardCharsets.UTF_8));
    }

    /** Where the label file of the input at {@code relative} goes below the output folder. */
    public static Path labelFile(Path relative) {
        return Path.of(LABELS).resolve(withExtension(relative, ".txt"));
    }

    /**
     * An image's YOLO label file: one line {@code class cx cy w h [score]} per detection, centre and size normalised
     * by the image size; empty without detection.
     */
    public static String yoloLabels(List<DetectedObject> found, int width, int height, boolean scores) {
        StringBuilder lines = new StringBuilder();
        for (DetectedObject d : found) {
            lines.append(String.format(Locale.ROOT, "%d %.6f %.6f %.6f %.6f", d.classId(),
                    (d.x1() + d.x2()) / 2 / width, (d.y1() + d.y2()) / 2 / height, d.width() / width,
                    d.height() / height));
            if (scores) {
                lines.append(String.format(Locale.ROOT, " %.5f", d.score()));
            }
            lines.append('\n');
        }
        return lines.toString();
    }

    private void collectCoco(Path relative, List<DetectedObject> found, int width, int height) {
        int imageId = images.size() + 1;
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("id", imageId);
        image.put("file_name", slashes(relative));
        image.put("width", width);
        image.put("height", height);
        images.add(image);
        for (DetectedObject d : found) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("id", annotations.size() + 1);
            a.put("image_id", imageId);
            a.put("category_id", d.classId() + 1);
            a.put("bbox", List.of(round(d.x1()), round(d.y1()), round(d.width()), round(d.height())));
            a.put("area", round(d.width() * d.height()));
            a.put("score", Math.round(d.score() * 1e5) / 1e5);
            a.put("iscrowd", 0);
            annotations.add(a);
        }
    }

    private void writeRows(Path relative, List<DetectedObject> found, int width, int height) throws IOException {
        for (DetectedObject d : found) {
            csv.write(String.format(Locale.ROOT, "%s,%d,%d,%d,%s,%.5f,%.2f,%.2f,%.2f,%.2f%n", csvField(slashes(relative)),
                    width, height, d.classId(), csvField(d.label()), d.score(), d.x1(), d.y1(), d.x2(), d.y2()));
        }
    }

    private void writeCrops(Path input, Path relative, List<DetectedObject> found) throws IOException {
        Raster image = codec.read(input);
        for (int k = 0; k < found.size(); k++) {
            DetectedObject d = found.get(k);
            int x1 = (int) Math.floor(d.x1());
            int y1 = (int) Math.floor(d.y1());
            int x2 = Math.min(image.width(), (int) Math.ceil(d.x2()));
            int y2 = Math.min(image.height(), (int) Math.ceil(d.y2()));
            if (x2 <= x1 || y2 <= y1) {
                continue;
            }
            Path file = directory.resolve(CROPS).resolve(folderName(d.label()))
                    .resolve(withExtension(relative, "_" + (k + 1) + ".png"));
            Files.createDirectories(file.getParent());
            codec.write(image.region(x1, y1, x2 - x1, y2 - y1), file, Encoding.of(ImageFormat.PNG));
        }
    }

    /** Writes the COCO file and closes the CSV file. */
    @Override
    public void close() throws IOException {
        if (csv != null) {
            csv.close();
        }
        if (kinds.json()) {
            List<Map<String, Object>> categories = new ArrayList<>();
            for (int i = 0; i < classNames.size(); i++) {
                categories.add(Map.of("id", i + 1, "name", classNames.get(i)));
            }
            Map<String, Object> coco = new LinkedHashMap<>();
            coco.put("images", images);
            coco.put("categories", categories);
            coco.put("annotations", annotations);
            Files.createDirectories(directory);
            AtomicFile.write(directory.resolve(JSON_FILE), JSON.writeValueAsBytes(coco));
        }
    }

    private static Path withExtension(Path relative, String ending) {
        String name = relative.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return relative.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ending);
    }

    private static String slashes(Path relative) {
        return relative.toString().replace(java.io.File.separatorChar, '/');
    }

    /** A class name as a folder name: anything but letters, digits, '.', '_' and '-' becomes '_'. */
    private static String folderName(String label) {
        String safe = label.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "_" + safe : safe;
    }

    private static String csvField(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private static double round(double pixels) {
        return Math.round(pixels * 100) / 100.0;
    }
}
