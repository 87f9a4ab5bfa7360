package dev.attnvision.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoDetectionDatasetTest {
    @Test
    void mapsCategoriesByIdOrderKeepsCrowdAndSkipsEmptyBoxes(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("instances.json");
        Files.writeString(json, """
                {"images": [{"id": 5, "file_name": "p.jpg", "width": 64, "height": 48},
                            {"id": 2, "file_name": "q.jpg", "width": 64, "height": 48}],
                 "categories": [{"id": 7, "name": "star"}, {"id": 3, "name": "ring"}],
                 "annotations": [
                   {"id": 1, "image_id": 5, "category_id": 7, "bbox": [10, 5, 20, 10], "iscrowd": 0},
                   {"id": 2, "image_id": 5, "category_id": 3, "bbox": [0, 0, 64, 48], "iscrowd": 1},
                   {"id": 3, "image_id": 5, "category_id": 3, "bbox": [30, 30, 0, 5], "iscrowd": 0}]}
                """);
        Files.createDirectories(dir.resolve("img"));
        Files.write(dir.resolve("img/p.jpg"), new byte[1]);
        Files.write(dir.resolve("img/q.jpg"), new byte[1]);
        DetectionDataset data = CocoDetectionDataset.read(json, dir.resolve("img"));
        assertEquals(List.of("ring", "star"), data.classNames());
        assertEquals(2, data.images().size());
        ImageAnnotation p = data.images().get(0);
        assertEquals(dir.resolve("img/p.jpg"), p.image());
        assertEquals(List.of(new BoxLabel(10, 5, 30, 15, 1, false), new BoxLabel(0, 0, 64, 48, 0, true)), p.boxes());
        assertEquals(List.of(), data.images().get(1).boxes());
        assertEquals(1, data.issues().size());
        DataIssue empty = data.issues().get(0);
        assertEquals(DataIssue.Kind.DEGENERATE_BOX, empty.kind());
        assertTrue(empty.detail().startsWith("image p.jpg: a ring box (30, 30, 30, 35)"), empty.toString());
    }

    @Test
    void anUnknownCategoryAMalformedBoxAndAMissingImageAreLeftOutAndNamed(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("bad.json");
        Files.writeString(json, """
                {"images": [{"id": 1, "file_name": "p.jpg", "width": 8, "height": 8},
                            {"id": 2, "file_name": "gone.jpg", "width": 8, "height": 8}],
                 "categories": [{"id": 1, "name": "a"}],
                 "annotations": [{"id": 9, "image_id": 1, "category_id": 4, "bbox": [0, 0, 2, 2]},
                                 {"id": 10, "image_id": 1, "category_id": 1, "bbox": [0, 0, 2]},
                                 {"id": 11, "image_id": 1, "category_id": 1, "bbox": [1, 1, 2, 2]}]}
                """);
        Files.write(dir.resolve("p.jpg"), new byte[1]);
        DetectionDataset data = CocoDetectionDataset.read(json, dir);
        assertEquals(1, data.images().size());
        assertEquals(List.of(new BoxLabel(1, 1, 3, 3, 0)), data.images().get(0).boxes());
        assertEquals(List.of(DataIssue.Kind.UNKNOWN_CLASS, DataIssue.Kind.UNREADABLE_ANNOTATION,
                DataIssue.Kind.MISSING_IMAGE), data.issues().stream().map(DataIssue::kind).toList());
        assertTrue(data.issues().get(0).detail().contains("annotation 9 of p.jpg has category_id 4"),
                data.issues().toString());
        assertTrue(data.issues().get(2).detail().contains("'gone.jpg'"), data.issues().toString());
        assertTrue(data.issues().stream().allMatch(i -> i.file().equals(json)));
    }
}
