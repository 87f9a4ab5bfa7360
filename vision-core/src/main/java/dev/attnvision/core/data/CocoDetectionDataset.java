package dev.attnvision.core.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attnvision.core.data.DataIssue.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads COCO-format detection annotations (Lin et al. 2014, arXiv 1405.0312): one JSON file with {@code images}
 * ({@code id, file_name, width, height}), {@code annotations} ({@code image_id, category_id, bbox = [x, y, w, h],
 * iscrowd}) and {@code categories} ({@code id, name}). Categories become class ids 0..K-1 in ascending category id
 * order; images keep the file's order, including those without annotations. An image file that does not exist and
 * an annotation of an unknown category are issues, and the rest is read.
 */
public final class CocoDetectionDataset {
    private CocoDetectionDataset() {}

    /**
     * @param annotationFile the JSON file
     * @param imageFolder the folder {@code file_name} is relative to
     * @throws IOException if the file is unreadable or lacks a required field
     */
    public static DetectionDataset read(Path annotationFile, Path imageFolder) throws IOException {
        JsonNode root = new ObjectMapper().readTree(annotationFile.toFile());
        List<JsonNode> categories = new ArrayList<>();
        required(root, "categories", annotationFile).forEach(categories::add);
        categories.sort((a, b) -> Long.compare(a.path("id").asLong(), b.path("id").asLong()));
        Map<Long, Integer> classOfCategory = new HashMap<>();
        List<String> classes = new ArrayList<>();
        for (JsonNode category : categories) {
            classOfCategory.put(required(category, "id", annotationFile).asLong(), classes.size());
            classes.add(required(category, "name", annotationFile).asText());
        }
        Map<Long, List<JsonNode>> annotationsOfImage = new HashMap<>();
        for (JsonNode annotation : root.path("annotations")) {
            annotationsOfImage.computeIfAbsent(required(annotation, "image_id", annotationFile).asLong(),
                    id -> new ArrayList<>()).add(annotation);
        }
        BoxSanitizer sanitizer = new BoxSanitizer();
        List<ImageAnnotation> images = new ArrayList<>();
        for (JsonNode image : required(root, "images", annotationFile)) {
            long id = required(image, "id", annotationFile).asLong();
            int width = required(image, "width", annotationFile).asInt();
            int height = required(image, "height", annotationFile).asInt();
            String fileName = required(image, "file_name", annotationFile).asText();
            Path file = imageFolder.resolve(fileName);
            if (!Files.isRegularFile(file)) {
                sanitizer.issue(annotationFile, Kind.MISSING_IMAGE, "image " + id + " names '" + fileName
                        + "', which is not in " + imageFolder + "; left out");
                continue;
            }
            List<BoxLabel> boxes = new ArrayList<>();
            for (JsonNode annotation : annotationsOfImage.getOrDefault(id, List.of())) {
                long category = required(annotation, "category_id", annotationFile).asLong();
                Integer classId = classOfCategory.get(category);
                JsonNode bbox = required(annotation, "bbox", annotationFile);
                String what = "annotation " + annotation.path("id") + " of " + fileName;
                if (classId == null) {
                    sanitizer.issue(annotationFile, Kind.UNKNOWN_CLASS, what + " has category_id " + category
                            + ", which is not among the categories; left out");
                } else if (bbox.size() != 4 || !bbox.get(0).isNumber() || !bbox.get(1).isNumber()
                        || !bbox.get(2).isNumber() || !bbox.get(3).isNumber()) {
                    sanitizer.issue(annotationFile, Kind.UNREADABLE_ANNOTATION, what
                            + ": bbox must be [x, y, width, height], got " + bbox + "; left out");
                } else {
                    float x = (float) bbox.get(0).asDouble();
                    float y = (float) bbox.get(1).asDouble();
                    boxes.add(new BoxLabel(x, y, x + (float) bbox.get(2).asDouble(),
                            y + (float) bbox.get(3).asDouble(), classId, annotation.path("iscrowd").asInt() == 1));
                }
            }
            if (width < 1 || height < 1) {
                ImageFiles.annotation(file, boxes, classes, sanitizer, annotationFile).ifPresent(images::add);
            } else {
                images.add(new ImageAnnotation(file, width, height,
                        sanitizer.sanitize(boxes, width, height, classes, annotationFile, "image " + fileName),
                        classes));
            }
        }
        return new DetectionDataset(classes, images, sanitizer.issues());
    }

    /**
     * Whether {@code file} is a COCO annotation file: a JSON object with {@code images} and {@code categories}. The
     * file is streamed past its values without building them, so looking costs little beside {@link #read}.
     */
    static boolean isCocoJson(Path file) {
        boolean images = false;
        boolean categories = false;
        try (JsonParser parser = new JsonFactory().createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                images |= field.equals("images");
                categories |= field.equals("categories");
                parser.nextToken();
                parser.skipChildren();
            }
            return images && categories;
        } catch (IOException e) {
            return false;
        }
    }

    private static JsonNode required(JsonNode node, String field, Path file) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidDatasetException(file + ": missing '" + field + "' in " + abbreviate(node));
        }
        return value;
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }
}
