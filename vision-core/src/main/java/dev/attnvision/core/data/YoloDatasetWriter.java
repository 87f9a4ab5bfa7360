package dev.attnvision.core.data;

import dev.attnvision.core.image.Encoding;
import dev.attnvision.core.image.ImageCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes detection images as a YOLO (Ultralytics) dataset that {@link YoloDetectionDataset} and other tools read:
 * {@code images/<split>/<index>.<ext>}, {@code labels/<split>/<index>.txt} with one {@code class cx cy w h} line per
 * object (normalised to the image size, boxes clipped to the image first) and a {@code data.yaml} naming the splits
 * and the classes. Images are numbered from 0 with six digits.
 */
public final class YoloDatasetWriter {
    private final Path root;
    private final ImageCodec codec;
    private final Encoding encoding;
    private final Map<String, Object> splits = new LinkedHashMap<>();

    /**
     * @param root the dataset folder (created when needed)
     * @param codec the image encoder
     * @param encoding the image format and quality
     */
    public YoloDatasetWriter(Path root, ImageCodec codec, Encoding encoding) {
        this.root = root;
        this.codec = codec;
        this.encoding = encoding;
    }

    /** Writes every image of {@code source} as split {@code split}; returns the image files written. */
    public List<Path> writeSplit(String split, DetectionSource source) throws IOException {
        Path images = Files.createDirectories(root.resolve("images").resolve(split));
        Path labels = Files.createDirectories(root.resolve("labels").resolve(split));
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < source.size(); i++) {
            LabeledImage image = source.load(i);
            String stem = String.format(Locale.ROOT, "%06d", i);
            Path file = images.resolve(stem + "." + encoding.format().extension());
            codec.write(image.image(), file, encoding);
            Files.writeString(labels.resolve(stem + ".txt"), labelLines(image), StandardCharsets.UTF_8);
            written.add(file);
        }
        splits.put(split, "images/" + split);
        return written;
    }

    /** Writes {@code data.yaml} for the splits written so far and {@code classNames}; returns its path. */
    public Path writeDataYaml(List<String> classNames) throws IOException {
        Map<String, Object> yaml = new LinkedHashMap<>();
        yaml.put("path", ".");
        yaml.putAll(splits);
        yaml.put("names", new ArrayList<>(classNames));
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Path file = root.resolve("data.yaml");
        Files.writeString(file, new Yaml(options).dump(yaml), StandardCharsets.UTF_8);
        return file;
    }

    /** The label file of one image: {@code class cx cy w h} per object, normalised, 6 decimals. */
    static String labelLines(LabeledImage image) {
        int w = image.image().width();
        int h = image.image().height();
        StringBuilder out = new StringBuilder();
        for (BoxLabel b : image.boxes()) {
            float x1 = Math.max(0, b.x1());
            float y1 = Math.max(0, b.y1());
            float x2 = Math.min(w, b.x2());
            float y2 = Math.min(h, b.y2());
            if (x2 <= x1 || y2 <= y1) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "%d %.6f %.6f %.6f %.6f%n", b.classId(), (x1 + x2) / 2 / w,
                    (y1 + y2) / 2 / h, (x2 - x1) / w, (y2 - y1) / h));
        }
        return out.toString();
    }
}
