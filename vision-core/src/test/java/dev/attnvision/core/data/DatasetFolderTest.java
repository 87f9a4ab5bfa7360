package dev.attnvision.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attnvision.core.image.ImageCodec;
import dev.attnvision.core.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFolderTest {
    @TempDir Path dir;

    static void image(Path file, int width, int height) throws IOException {
        Files.createDirectories(file.getParent());
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB),
                file.toString().endsWith(".png") ? "png" : "jpg", file.toFile());
    }

    /** A labelImg XML for {@code image} with one box per {@code name:x1,y1,x2,y2}. */
    static void xml(Path file, String image, int width, int height, String... boxes) throws IOException {
        StringBuilder objects = new StringBuilder();
        for (String box : boxes) {
            String[] nameAndCorners = box.split(":");
            String[] c = nameAndCorners[1].split(",");
            objects.append("<object><name>").append(nameAndCorners[0]).append("</name><difficult>0</difficult>")
                    .append("<bndbox><xmin>").append(c[0]).append("</xmin><ymin>").append(c[1]).append("</ymin><xmax>")
                    .append(c[2]).append("</xmax><ymax>").append(c[3]).append("</ymax></bndbox></object>");
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, "<annotation><folder>x</folder><filename>" + image + "</filename><path>/home/u/"
                + image + "</path><size><width>" + width + "</width><height>" + height + "</height><depth>3</depth>"
                + "</size>" + objects + "</annotation>");
    }

    private static List<String> names(DetectionDataset data) {
        return data.images().stream().map(a -> a.image().getFileName().toString()).toList();
    }

    @Test
    void imagesBesideAFolderOfXmlOfAnyNameAreMatchedByStemWithUnlabelledImagesAsBackgrounds() throws IOException {
        image(dir.resolve("images/00001.jpg"), 40, 30);
        image(dir.resolve("images/00002.jpg"), 40, 30);
        image(dir.resolve("images/00003.jpg"), 40, 30);
        xml(dir.resolve("annots/00001.xml"), "00001.jpg", 40, 30, "kangaroo:1,2,20,25");
        xml(dir.resolve("annots/00002.xml"), "renamed-in-labelimg.jpg", 40, 30, "kangaroo:5,5,9,9", "wallaby:1,1,3,3");
        xml(dir.resolve("annots/00009.xml"), "00009.jpg", 40, 30, "kangaroo:1,1,3,3");
        FoundDataset found = DatasetFolder.find(dir, null);
        assertFalse(found.listed());
        assertEquals("Pascal VOC XML in annots/ for the images in images/", found.layout());
        assertEquals(List.of("kangaroo", "wallaby"), found.classNames());
        DetectionDataset all = found.split(FoundDataset.ALL, 0.2);
        assertEquals(List.of("00001.jpg", "00002.jpg", "00003.jpg"), names(all), "matched by stem; 00003 a background");
        assertEquals(List.of(new BoxLabel(1, 2, 20, 25, 0)), all.images().get(0).boxes());
        assertEquals(List.of(), all.images().get(2).boxes());
        assertEquals(List.of(DataIssue.Kind.MISSING_IMAGE, DataIssue.Kind.UNLABELLED_IMAGE),
                all.issues().stream().map(DataIssue::kind).toList());
        assertEquals(dir.resolve("annots/00009.xml"), all.issues().get(0).file());
    }

    @Test
    void theKangarooPhotosAsAUserBringsThemAreFoundWithTheirTwoFaults() throws IOException {
        Path kangaroo = SharedData.require("data/det/kangaroo");
        FoundDataset found = DatasetFolder.find(kangaroo, null);
        assertEquals("Pascal VOC XML in annots/ for the images in images/", found.layout());
        assertEquals(List.of("kangaroo"), found.classNames());
        assertEquals(164, found.split(FoundDataset.ALL, 0).images().size());
        assertEquals(List.of("00155.xml: duplicate box"), found.issues().stream()
                .map(i -> i.file().getFileName() + ": " + i.kind().label()).toList());
        DatasetCheck check = DatasetCheck.run(found, new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS), 2);
        assertEquals(List.of("00155.xml: duplicate box", "00090.jpg: unreadable image"), check.issues().stream()
                .map(i -> i.file().getFileName() + ": " + i.kind().label()).toList());
        HoldOutSplit split = check.usable().holdOut(HoldOutSplit.DEFAULT_FRACTION);
        assertEquals(33, split.validation().images().size());
        assertEquals(130, split.train().images().size());
    }

    @Test
    void xmlBesideTheImagesInOneFolderIsFound() throws IOException {
        image(dir.resolve("a.jpg"), 20, 20);
        image(dir.resolve("b.PNG"), 20, 20);
        xml(dir.resolve("a.xml"), "a.jpg", 20, 20, "cat:1,1,9,9");
        xml(dir.resolve("b.xml"), "b.PNG", 20, 20, "dog:2,2,8,8");
        FoundDataset found = DatasetFolder.find(dir, null);
        assertEquals("Pascal VOC XML beside the images", found.layout());
        assertEquals(List.of("a.jpg", "b.PNG"), names(found.split(FoundDataset.ALL, 0)));
        assertEquals(List.of(), found.issues());
    }

    @Test
    void yoloLabelsWithAClassesTxtAndAClassMissingFromItAreRead() throws IOException {
        image(dir.resolve("images/a.png"), 100, 50);
        image(dir.resolve("images/b.png"), 100, 50);
        Files.createDirectories(dir.resolve("labels"));
        Files.writeString(dir.resolve("labels/a.txt"), "0 0.5 0.5 0.2 0.4\n2 0.5 0.5 0.1 0.1\n");
        Files.writeString(dir.resolve("classes.txt"), "star\nring\n");
        FoundDataset found = DatasetFolder.find(dir, null);
        assertEquals("YOLO images/ and labels/, classes from classes.txt", found.layout());
        DetectionDataset all = found.split(FoundDataset.ALL, 0);
        assertEquals(List.of(new BoxLabel(40, 15, 60, 35, 0)), all.images().get(0).boxes());
        assertEquals(List.of(DataIssue.Kind.UNKNOWN_CLASS, DataIssue.Kind.UNLABELLED_IMAGE),
                all.issues().stream().map(DataIssue::kind).toList());
        assertTrue(all.issues().get(0).detail().contains("class 2 is not in 0..1"), all.issues().toString());
    }

    @Test
    void labelsWithoutClassNamesAreAUsageErrorSayingWhatToAdd() throws IOException {
        image(dir.resolve("images/a.png"), 10, 10);
        Files.createDirectories(dir.resolve("labels"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetFolder.find(dir, null));
        assertTrue(e.getMessage().contains("no classes.txt"), e.getMessage());
    }

    @Test
    void aVocFolderWithoutSplitListsAndOneWithThemAreBothRead() throws IOException {
        image(dir.resolve("JPEGImages/a.jpg"), 20, 20);
        image(dir.resolve("JPEGImages/b.jpg"), 20, 20);
        xml(dir.resolve("Annotations/a.xml"), "a.jpg", 20, 20, "cat:1,1,9,9");
        xml(dir.resolve("Annotations/b.xml"), "b.jpg", 20, 20, "dog:1,1,9,9");
        FoundDataset unlisted = DatasetFolder.find(dir, null);
        assertFalse(unlisted.listed());
        assertEquals(2, unlisted.split(FoundDataset.ALL, 0).images().size());
        Files.createDirectories(dir.resolve("ImageSets/Main"));
        Files.writeString(dir.resolve("ImageSets/Main/test.txt"), "b\n");
        Files.writeString(dir.resolve("ImageSets/Main/cat_test.txt"), "b -1\n");
        FoundDataset listed = DatasetFolder.find(dir, null);
        assertTrue(listed.listed());
        assertEquals(List.of("test"), List.copyOf(listed.splits().keySet()), "per-class lists are not splits");
        assertEquals(List.of("cat", "dog"), listed.classNames(), "classes of every annotation, not of one split");
        IllegalArgumentException val = assertThrows(IllegalArgumentException.class, () -> listed.split("val", 0.2));
        assertTrue(val.getMessage().endsWith("has no split 'val'; its splits: test"), val.getMessage());
    }

    @Test
    void splitFoldersAsRoboflowExportsThemShareTheClassesOfAllSplits() throws IOException {
        image(dir.resolve("train/a.jpg"), 20, 20);
        xml(dir.resolve("train/a.xml"), "a.jpg", 20, 20, "cat:1,1,9,9");
        image(dir.resolve("valid/b.jpg"), 20, 20);
        xml(dir.resolve("valid/b.xml"), "b.jpg", 20, 20, "dog:1,1,9,9");
        FoundDataset found = DatasetFolder.find(dir, null);
        assertTrue(found.listed());
        assertEquals(List.of("cat", "dog"), found.classNames());
        assertEquals(List.of("b.jpg"), names(found.split("val", 0.2)), "val finds valid/");
        assertEquals(new BoxLabel(1, 1, 9, 9, 1), found.split("valid", 0).images().get(0).boxes().get(0));
    }

    @Test
    void aFolderHoldingOneCocoJsonIsRead() throws IOException {
        image(dir.resolve("p.jpg"), 8, 8);
        Files.writeString(dir.resolve("_annotations.coco.json"), """
                {"images": [{"id": 1, "file_name": "p.jpg", "width": 8, "height": 8}],
                 "categories": [{"id": 1, "name": "a"}],
                 "annotations": [{"id": 9, "image_id": 1, "category_id": 1, "bbox": [1, 1, 2, 2]}]}
                """);
        FoundDataset found = DatasetFolder.find(dir, null);
        assertEquals("COCO _annotations.coco.json", found.layout());
        assertEquals(1, found.split(FoundDataset.ALL, 0).images().size());
    }

    @Test
    void aFolderWithoutAnnotationsSaysWhatWasLookedFor() throws IOException {
        image(dir.resolve("holiday.jpg"), 8, 8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetFolder.find(dir, null));
        assertTrue(e.getMessage().startsWith("found no annotations in " + dir) && e.getMessage().contains("VOC XML")
                && e.getMessage().contains("classes.txt"), e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> DatasetFolder.find(dir.resolve("gone"), null));
        assertTrue(missing.getMessage().contains("gone does not exist"), missing.getMessage());
    }
}
