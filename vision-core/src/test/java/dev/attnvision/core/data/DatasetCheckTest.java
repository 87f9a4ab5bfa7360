package dev.attnvision.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attnvision.core.image.ImageCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCheckTest {
    @TempDir Path dir;

    @Test
    void imagesThatDoNotDecodeOrAreNotTheAnnotatedSizeAreLeftOutBeforeTheSplit() throws IOException {
        DatasetFolderTest.image(dir.resolve("a.jpg"), 40, 30);
        DatasetFolderTest.image(dir.resolve("b.jpg"), 40, 30);
        DatasetFolderTest.image(dir.resolve("c.jpg"), 80, 60);
        DatasetFolderTest.xml(dir.resolve("a.xml"), "a.jpg", 40, 30, "cat:1,1,20,20");
        DatasetFolderTest.xml(dir.resolve("b.xml"), "b.jpg", 40, 30, "cat:1,1,20,20");
        DatasetFolderTest.xml(dir.resolve("c.xml"), "c.jpg", 40, 30, "cat:1,1,20,20");
        byte[] b = Files.readAllBytes(dir.resolve("b.jpg"));
        Files.write(dir.resolve("b.jpg"), Arrays.copyOf(b, b.length / 2));
        DatasetCheck check = DatasetCheck.run(DatasetFolder.find(dir, null),
                new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS), 2);
        assertTrue(check.hasErrors());
        assertEquals(List.of(DataIssue.Kind.UNREADABLE_IMAGE, DataIssue.Kind.SIZE_MISMATCH),
                check.issues().stream().map(DataIssue::kind).toList());
        assertTrue(check.issues().get(1).detail().startsWith("the annotation says 40x30 but the image is 80x60"),
                check.issues().toString());
        DetectionDataset usable = check.usable().split(FoundDataset.ALL, 0);
        assertEquals(List.of(dir.resolve("a.jpg")), usable.images().stream().map(ImageAnnotation::image).toList());

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        check.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), Map.of("train", usable), 80, null, 1);
        String report = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(report.contains("issues: 2 errors, 0 warnings\n  unreadable image 1, size mismatch 1\n"), report);
        assertTrue(report.contains("b.jpg: unreadable image: "), report);
        assertFalse(report.contains("c.jpg: size mismatch"), "listed up to the limit: " + report);
        assertTrue(report.contains("... and 1 more"), report);
        // a 19 px box of a 40 px image at 80 px
        assertTrue(report.contains("\n  cat       1  38     38  38\n"), report);
    }

    @Test
    void onlyTheSplitsAskedForAreDecoded() throws IOException {
        DatasetFolderTest.image(dir.resolve("train/a.jpg"), 40, 30);
        DatasetFolderTest.xml(dir.resolve("train/a.xml"), "a.jpg", 40, 30, "cat:1,1,20,20");
        DatasetFolderTest.image(dir.resolve("test/b.jpg"), 40, 30);
        DatasetFolderTest.xml(dir.resolve("test/b.xml"), "b.jpg", 40, 30, "cat:1,1,20,20");
        Files.write(dir.resolve("test/b.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
        FoundDataset found = DatasetFolder.find(dir, null);
        ImageCodec codec = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS);
        assertFalse(DatasetCheck.run(found, List.of("train"), codec, 1).hasErrors());
        assertEquals(List.of(DataIssue.Kind.UNREADABLE_IMAGE),
                DatasetCheck.run(found, codec, 1).issues().stream().map(DataIssue::kind).toList());
    }
}
