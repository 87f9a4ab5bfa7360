package dev.attnvision.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
        DetectionDataset data = CocoDetectionDataset.read(json, dir.resolve("img"));
        assertEquals(List.of("ring", "star"), data.classNames());
        assertEquals(2, data.images().size());
        ImageAnnotation p = data.images().get(0);
        assertEquals(dir.resolve("img/p.jpg"), p.image());
        assertEquals(List.of(new BoxLabel(10, 5, 30, 15, 1, false), new BoxLabel(0, 0, 64, 48, 0, true)), p.boxes());
        assertEquals(List.of(), data.images().get(1).boxes());
        assertEquals(1, data.skipped().size());
        assertTrue(data.skipped().get(0).className().contains("annotation 3 of p.jpg"), data.skipped().toString());
    }

    @Test
    void anUnknownCategoryIsExplained(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("bad.json");
        Files.writeString(json, """
                {"images": [{"id": 1, "file_name": "p.jpg", "width": 8, "height": 8}],
                 "categories": [{"id": 1, "name": "a"}],
                 "annotations": [{"id": 9, "image_id": 1, "category_id": 4, "bbox": [0, 0, 2, 2]}]}
                """);
        IOException e = assertThrows(IOException.class, () -> CocoDetectionDataset.read(json, dir));
        assertTrue(e.getMessage().contains("category_id 4"), e.getMessage());
    }
}
