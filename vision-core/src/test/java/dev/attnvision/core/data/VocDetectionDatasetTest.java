package dev.attnvision.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attnvision.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocDetectionDatasetTest {
    @Test
    void bccdReadsAllImagesAndReportsExactlyItsTwoZeroAreaBoxes() throws IOException {
        Path bccd = SharedData.require("data/det/bccd");
        DetectionDataset all = VocDetectionDataset.read(bccd, "trainval");
        assertEquals(List.of("Platelets", "RBC", "WBC"), all.classNames());
        assertEquals(292, all.images().size());
        assertEquals(List.of("BloodImage_00338.xml", "BloodImage_00343.xml"),
                all.issues().stream().map(s -> s.file().getFileName().toString()).toList());
        assertTrue(all.issues().stream().allMatch(s -> s.kind() == DataIssue.Kind.DEGENERATE_BOX
                && s.detail().startsWith("a RBC box")), all.issues().toString());
        ImageAnnotation first = all.images().get(0);
        assertEquals(640, first.width());
        assertEquals(480, first.height());
        assertTrue(Files.isRegularFile(first.image()), first.image() + " should exist");
        assertEquals(List.of("BloodImage_00338.xml"), VocDetectionDataset.read(bccd, "val").issues().stream()
                .map(s -> s.file().getFileName().toString()).toList());
    }

    private static Path vocFolder(Path root, String objects) throws IOException {
        Files.createDirectories(root.resolve("ImageSets/Main"));
        Files.createDirectories(root.resolve("Annotations"));
        Files.createDirectories(root.resolve("JPEGImages"));
        Files.write(root.resolve("JPEGImages/a.jpg"), new byte[1]);
        Files.writeString(root.resolve("ImageSets/Main/train.txt"), "a\n");
        Files.writeString(root.resolve("Annotations/a.xml"), "<annotation><filename>a.jpg</filename>"
                + "<size><width>100</width><height>50</height><depth>3</depth></size>" + objects + "</annotation>");
        return root;
    }

    private static String object(String name, int difficult, int x1, int y1, int x2, int y2) {
        return "<object><name>" + name + "</name><difficult>" + difficult + "</difficult><bndbox><xmin>" + x1
                + "</xmin><ymin>" + y1 + "</ymin><xmax>" + x2 + "</xmax><ymax>" + y2 + "</ymax></bndbox></object>";
    }

    @Test
    void clipsBoxesPartlyOutsideSkipsBoxesFullyOutsideAndMarksDifficultAsCrowd(@TempDir Path dir) throws IOException {
        Path root = vocFolder(dir, object("cat", 0, 90, 40, 120, 70) + object("dog", 1, 10, 10, 20, 20)
                + object("cat", 0, 150, 10, 160, 20));
        DetectionDataset data = VocDetectionDataset.read(root, "train");
        assertEquals(List.of("cat", "dog"), data.classNames());
        ImageAnnotation image = data.images().get(0);
        assertEquals(root.resolve("JPEGImages/a.jpg"), image.image());
        assertEquals(List.of(new BoxLabel(90, 40, 100, 50, 0, false), new BoxLabel(10, 10, 20, 20, 1, true)),
                image.boxes());
        assertEquals(List.of(DataIssue.Kind.OUT_OF_IMAGE_BOX, DataIssue.Kind.OUT_OF_IMAGE_BOX),
                data.issues().stream().map(DataIssue::kind).toList());
        assertTrue(data.issues().get(0).detail().endsWith("reaches beyond the 100x50 image; clipped to it"),
                data.issues().toString());
        assertTrue(data.issues().get(1).detail().endsWith("lies outside the 100x50 image; left out"),
                data.issues().toString());
    }

    @Test
    void anUnknownClassIsLeftOutAndAMissingSplitNamesTheSplitsThereAre(@TempDir Path dir) throws IOException {
        Path root = vocFolder(dir, object("cat", 0, 1, 1, 5, 5) + object("dog", 0, 2, 2, 6, 6));
        DetectionDataset data = VocDetectionDataset.read(root, "train", List.of("dog"));
        assertEquals(List.of(new BoxLabel(2, 2, 6, 6, 0)), data.images().get(0).boxes());
        assertEquals(1, data.issues().size());
        assertEquals(DataIssue.Kind.UNKNOWN_CLASS, data.issues().get(0).kind());
        assertTrue(data.issues().get(0).detail().contains("class 'cat' is not one of [dog]"), data.issues().toString());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> VocDetectionDataset.read(root, "val"));
        assertTrue(missing.getMessage().contains("has no split 'val'") && missing.getMessage().endsWith("its splits: train"),
                missing.getMessage());
    }

    @Test
    void anUnparsableFileOrAMissingImageIsNamedAndTheOtherImagesAreRead(@TempDir Path dir) throws IOException {
        Path root = vocFolder(dir, object("cat", 0, 1, 1, 5, 5));
        Files.writeString(root.resolve("ImageSets/Main/train.txt"), "a\nbroken\nlost\n");
        Files.writeString(root.resolve("Annotations/broken.xml"), "<annotation><object>");
        Files.writeString(root.resolve("Annotations/lost.xml"), "<annotation><filename>lost.jpg</filename>"
                + "<size><width>9</width><height>9</height></size></annotation>");
        DetectionDataset data = VocDetectionDataset.read(root, "train");
        assertEquals(List.of(root.resolve("JPEGImages/a.jpg")), data.images().stream().map(ImageAnnotation::image)
                .toList());
        assertEquals(List.of(DataIssue.Kind.UNREADABLE_ANNOTATION, DataIssue.Kind.MISSING_IMAGE),
                data.issues().stream().map(DataIssue::kind).toList());
        assertEquals(root.resolve("Annotations/broken.xml"), data.issues().get(0).file());
        assertTrue(data.issues().get(1).detail().startsWith("names image 'lost.jpg', which is not in"),
                data.issues().toString());
    }
}
