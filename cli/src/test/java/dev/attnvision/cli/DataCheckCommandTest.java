package dev.attnvision.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code attnvision data check} on folders as users bring them. */
class DataCheckCommandTest {
    @TempDir Path dir;

    @Test
    void aCleanFolderIsTabulatedWithItsHeldOutSplitAndExitsZero() throws Exception {
        Path data = dir.resolve("kangaroo");
        for (int i = 0; i < 5; i++) {
            LabelledFolder.photo(data.resolve("images"), data.resolve("annots"), "k" + i, "kangaroo 4 4 40 30");
        }
        CliRun run = CliRun.in(dir, "data", "check", "kangaroo", "--img-size", "128");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        String out = run.out();
        assertTrue(out.contains("Pascal VOC XML in annots/ for the images in images/, 1 class"), out);
        assertTrue(out.matches("(?s).*\\n  split +images +backgrounds +boxes +kangaroo\\n  train +4 +0 +4 +4\\n"
                + "  val +1 +0 +1 +1\\n.*"), out);
        // 36x26 px of a 64 px photo letterboxed to 128 px is sqrt(72 * 52) = 61 px
        assertTrue(out.matches("(?s).*\\n  kangaroo +5 +61 +61 +61 +0%\\n.*"), out);
        assertTrue(out.contains("issues: 0 errors, 0 warnings"), out);
        assertTrue(out.contains("held out 1 of 5 images for validation"), out);
        assertTrue(!out.contains("overlap no anchor"), out);
        CliRun small = CliRun.in(dir, "data", "check", "kangaroo", "--img-size", "32");
        assertTrue(small.out().contains("many kangaroo boxes overlap no anchor by IoU 0.5")
                && small.out().contains("keep the default --assigner atss"), small.out());
    }

    @Test
    void everyIssueIsNamedWithItsFileAndErrorsExitWithOne() throws Exception {
        Path data = dir.resolve("photos");
        LabelledFolder.photo(data, data, "good", "cat 4 4 40 30");
        LabelledFolder.photo(data, data, "twice", "cat 4 4 40 30", "cat 4 4 40 30", "dog 30 10 20 40");
        LabelledFolder.photo(data, data, "cut", "cat 4 4 40 30");
        LabelledFolder.truncate(data.resolve("cut.jpg"));
        Files.writeString(data.resolve("broken.xml"), "<annotation><object><name>cat");
        CliRun run = CliRun.in(dir, "data", "check", "photos", "--val-fraction", "0");
        assertEquals(ExitCodes.SOME_FAILED, run.code(), run.toString());
        String out = run.out();
        assertTrue(out.contains("Pascal VOC XML beside the images"), out);
        assertTrue(out.contains("issues: 4 errors, 0 warnings"), out);
        for (String line : new String[] {"photos/twice.xml: duplicate box: a cat box (4, 4, 40, 30) repeats",
            "photos/twice.xml: degenerate box: a dog box (30, 10, 20, 40) has no area",
            "photos/broken.xml: unreadable annotation: not a well-formed XML annotation",
            "photos/cut.jpg: unreadable image: truncated JPEG"}) {
            assertTrue(out.contains(line), line + " in\n" + out);
        }
        assertTrue(out.matches("(?s).*\\n  train +2 +0 +2 +2 +0\\n.*"), "the two usable images: " + out);
    }

    @Test
    void aFolderWithoutAnnotationsOrABadFractionIsAUsageError() throws Exception {
        LabelledFolder.photo(dir.resolve("holiday"), dir.resolve("elsewhere"), "beach");
        Files.delete(dir.resolve("elsewhere/beach.xml"));
        CliRun none = CliRun.in(dir, "data", "check", "holiday");
        assertEquals(ExitCodes.USAGE, none.code(), none.toString());
        assertTrue(none.err().contains("found no annotations in ") && none.err().contains("classes.txt"), none.toString());
        assertFalse(none.err().contains("internal error") || none.err().contains("\tat "), none.toString());
        CliRun fraction = CliRun.in(dir, "data", "check", "holiday", "--val-fraction", "1.5");
        assertEquals(ExitCodes.USAGE, fraction.code(), fraction.toString());
        assertTrue(fraction.err().contains("Invalid value for option '--val-fraction': 1.5"), fraction.toString());
    }

    @Test
    void aMalformedDataYamlOrCocoFileIsAUsageErrorOfOneLine() throws Exception {
        Files.createDirectories(dir.resolve("yolo"));
        Files.writeString(dir.resolve("yolo/data.yaml"), "names: 5\ntrain: images\n");
        Files.createDirectories(dir.resolve("yolo2"));
        Files.writeString(dir.resolve("yolo2/data.yaml"), "names: [kangaroo]\ntrain: nope.bin\n");
        Files.createDirectories(dir.resolve("coco"));
        Files.writeString(dir.resolve("coco/ann.json"), "{\"images\": [{\"id\": 1}], \"annotations\": [],"
                + " \"categories\": []}");
        for (String[] dataset : new String[][] {
            {"yolo/data.yaml", "data.yaml needs 'names': a list of class names or a map from id to name"},
            {"yolo2/data.yaml", "nope.bin is neither a folder of images nor a .txt list of images"},
            {"coco/ann.json", "ann.json: missing 'width' in"}}) {
            CliRun run = CliRun.in(dir, "data", "check", dataset[0]);
            assertEquals(ExitCodes.USAGE, run.code(), run.toString());
            assertTrue(run.err().contains(dataset[1]), run.toString());
            assertFalse(run.err().contains("internal error") || run.err().contains("\tat "), run.toString());
        }
    }
}
