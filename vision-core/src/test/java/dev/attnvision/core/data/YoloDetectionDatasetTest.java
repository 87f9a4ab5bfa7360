package dev.attnvision.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YoloDetectionDatasetTest {
    private static void png(Path file, int width, int height) throws IOException {
        Files.createDirectories(file.getParent());
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
    }

    @Test
    void readsNormalisedCentreBoxesWithNamesFromTheYaml(@TempDir Path root) throws IOException {
        png(root.resolve("images/val/b.png"), 200, 100);
        png(root.resolve("images/val/a.png"), 200, 100);
        Files.createDirectories(root.resolve("labels/val"));
        Files.writeString(root.resolve("labels/val/a.txt"), "1 0.5 0.5 0.2 0.4\n\n0 0.95 0.1 0.2 0.2\n");
        Files.writeString(root.resolve("data.yaml"), "train: images/train\nval: images/val\nnames:\n  0: circle\n"
                + "  1: square\n");
        DetectionDataset data = YoloDetectionDataset.read(root.resolve("data.yaml"), "val");
        assertEquals(List.of("circle", "square"), data.classNames());
        assertEquals(List.of("a.png", "b.png"),
                data.images().stream().map(i -> i.image().getFileName().toString()).toList());
        // (0.5, 0.5, 0.2, 0.4) of 200x100 is centre (100, 50), size 40x40; the second box is clipped at x = 200
        assertEquals(List.of(new BoxLabel(80, 30, 120, 70, 1), new BoxLabel(170, 0, 200, 20, 0)),
                data.images().get(0).boxes());
        assertEquals(List.of(), data.images().get(1).boxes(), "no label file: no objects");
        assertEquals(200, data.images().get(0).width());
    }

    @Test
    void badLinesAreLeftOutNamedWithTheFileAndLineAndTheRestIsRead(@TempDir Path root) throws IOException {
        png(root.resolve("images/a.png"), 10, 10);
        Files.createDirectories(root.resolve("labels"));
        Files.writeString(root.resolve("labels/a.txt"), "0 0.5 0.5 0.2 0.2\n3 0.5 0.5 0.1 0.1\n1 0.5 x 0.1 0.1\n"
                + "1 0.5\n");
        Files.writeString(root.resolve("data.yaml"), "val: images\nnames: [x, y]\n");
        DetectionDataset data = YoloDetectionDataset.read(root.resolve("data.yaml"), "val");
        assertEquals(List.of(new BoxLabel(4, 4, 6, 6, 0)), data.images().get(0).boxes());
        assertEquals(List.of(DataIssue.Kind.UNKNOWN_CLASS, DataIssue.Kind.UNREADABLE_ANNOTATION,
                DataIssue.Kind.UNREADABLE_ANNOTATION), data.issues().stream().map(DataIssue::kind).toList());
        DataIssue unknown = data.issues().get(0);
        assertEquals(root.resolve("labels/a.txt").toAbsolutePath(), unknown.file());
        assertTrue(unknown.detail().startsWith("line 2 ") && unknown.detail().contains("class 3 is not in 0..1"),
                unknown.toString());
        IllegalArgumentException split = assertThrows(IllegalArgumentException.class,
                () -> YoloDetectionDataset.read(root.resolve("data.yaml"), "test"));
        assertTrue(split.getMessage().endsWith("has no split 'test'; its splits: val"), split.getMessage());
    }

    @Test
    void labelFileReplacesTheLastImagesFolder() {
        assertEquals(Path.of("/d/images/x/labels/train/p.txt"),
                YoloDetectionDataset.labelFile(Path.of("/d/images/x/images/train/p.jpg")));
    }
}
