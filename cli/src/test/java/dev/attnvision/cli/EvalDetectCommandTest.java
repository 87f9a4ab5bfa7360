package dev.attnvision.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attnvision.core.image.Encoding;
import dev.attnvision.core.image.ImageCodec;
import dev.attnvision.core.image.ImageFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code attnvision eval detect} on a tiny generated Pascal VOC folder. */
class EvalDetectCommandTest {
    @TempDir static Path dir;

    @BeforeAll
    static void modelAndVocFolder() throws Exception {
        DetectorFiles.saveTiny(dir.resolve("home"), "tiny");
        Path voc = dir.resolve("voc");
        Files.createDirectories(voc.resolve("JPEGImages"));
        Files.createDirectories(voc.resolve("Annotations"));
        Files.createDirectories(voc.resolve("ImageSets/Main"));
        ImageCodec codec = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS);
        String[][] objects = {{"cell", "10", "8", "40", "30"}, {"cat", "5", "5", "20", "20"}};
        for (int i = 0; i < 2; i++) {
            codec.write(BadInputCorpus.gradient(64, 48, 3, 8), voc.resolve("JPEGImages/img" + i + ".png"),
                    Encoding.of(ImageFormat.PNG));
            String[] o = objects[i];
            Files.writeString(voc.resolve("Annotations/img" + i + ".xml"), "<annotation><filename>img" + i
                    + ".png</filename><size><width>64</width><height>48</height><depth>3</depth></size><object><name>"
                    + o[0] + "</name><bndbox><xmin>" + o[1] + "</xmin><ymin>" + o[2] + "</ymin><xmax>" + o[3]
                    + "</xmax><ymax>" + o[4] + "</ymax></bndbox></object></annotation>");
        }
        Files.writeString(voc.resolve("ImageSets/Main/val.txt"), "img0\nimg1\n");
    }

    @Test
    void printsTheCocoTableWithPerClassApAndTheClassesTheModelLacks() {
        CliRun run = CliRun.withHome(dir, dir.resolve("home"), "eval", "detect", "--model", "tiny", "--data", "voc");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        String out = run.out();
        assertTrue(out.startsWith("model tiny on voc (val): 2 images, "), out);
        for (String row : new String[] {"mAP@[.5:.95] ", "mAP@.5 ", "mAP@.75 ", "mAP small ", "mAP medium ",
            "mAP large ", "class cat ", "class cell "}) {
            assertTrue(out.contains("\n" + row), row + " in\n" + out);
        }
        assertTrue(out.contains("classes the model does not know (AP 0): cat"), out);
    }

    @Test
    void jsonHasTheNumbersForScripts() throws Exception {
        CliRun run = CliRun.withHome(dir, dir.resolve("home"), "eval", "detect", "--model", "tiny", "--data", "voc",
                "--img-size", "96", "--json");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(2, json.get("images").asInt());
        assertEquals(96, json.get("image_size").asInt());
        double map = json.at("/metrics/map").asDouble();
        assertTrue(map >= 0 && map <= 1, run.out());
        assertTrue(json.at("/classes/cell/ap50").isNumber(), run.out());
        assertEquals("cat", json.at("/missing_classes/0").asText());
        assertFalse(json.get("tta").asBoolean());

        CliRun augmented = CliRun.withHome(dir, dir.resolve("home"), "eval", "detect", "--model", "tiny", "--data",
                "voc", "--img-size", "96", "--tta");
        assertEquals(ExitCodes.OK, augmented.code(), augmented.toString());
        assertTrue(augmented.out().contains(", 96 px with test-time augmentation,"), augmented.toString());
    }

    @Test
    void aFolderWithoutAnnotationsOrWithoutTheSplitIsAUsageErrorNamingWhatThereIs() throws Exception {
        CliRun run = CliRun.withHome(dir, dir.resolve("home"), "eval", "detect", "--model", "tiny", "--data", "home");
        assertEquals(ExitCodes.USAGE, run.code(), run.toString());
        assertTrue(run.err().contains("found no annotations in "), run.toString());
        CliRun test = CliRun.withHome(dir, dir.resolve("home"), "eval", "detect", "--model", "tiny", "--data", "voc",
                "--split", "test");
        assertEquals(ExitCodes.USAGE, test.code(), test.toString());
        assertTrue(test.err().contains("has no split 'test'; its splits: val"), test.toString());
        assertFalse(test.err().contains("internal error") || test.err().contains("\tat "), test.toString());
    }

    @Test
    void aFolderWithoutSplitListsIsScoredOnTheImagesTrainingHeldOut() throws Exception {
        Path photos = dir.resolve("photos");
        for (int i = 0; i < 5; i++) {
            LabelledFolder.photo(photos.resolve("images"), photos.resolve("annotations"), "p" + i, "cell 4 4 40 30");
        }
        CliRun run = CliRun.withHome(dir, dir.resolve("home"), "eval", "detect", "--model", "tiny", "--data",
                "photos");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        assertTrue(run.out().startsWith("model tiny on photos (val, held out 1 of 5 images for validation"),
                run.toString());
        CliRun all = CliRun.withHome(dir, dir.resolve("home"), "eval", "detect", "--model", "tiny", "--data",
                "photos", "--split", "all");
        assertTrue(all.out().startsWith("model tiny on photos (all): 5 images"), all.toString());
    }
}
