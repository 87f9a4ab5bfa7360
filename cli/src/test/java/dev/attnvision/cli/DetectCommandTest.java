package dev.attnvision.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attnvision.core.image.Encoding;
import dev.attnvision.core.image.ImageCodec;
import dev.attnvision.core.image.ImageFormat;
import dev.attnvision.core.image.Raster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code attnvision detect} with a tiny random-weight detector: every output kind, filters, bad inputs. */
class DetectCommandTest {
    private static final ImageCodec CODEC = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS);
    /** Random weights score about 0.01 everywhere: this threshold keeps candidates. */
    private static final String LOW = "0.001";

    @TempDir static Path dir;

    @BeforeAll
    static void modelAndImages() throws Exception {
        DetectorFiles.saveTiny(dir.resolve("home"), "tiny");
        Files.createDirectories(dir.resolve("in/sub"));
        CODEC.write(BadInputCorpus.gradient(80, 48, 3, 8), dir.resolve("in/a.png"), Encoding.of(ImageFormat.PNG));
        CODEC.write(BadInputCorpus.gradient(40, 60, 1, 16), dir.resolve("in/sub/b.png"), Encoding.of(ImageFormat.PNG));
        Files.write(dir.resolve("in/broken.png"), new byte[] {1, 2, 3});
    }

    private static CliRun detect(String... args) {
        return CliRun.withHome(dir, dir.resolve("home"), Stream.concat(Stream.of("detect", "--model", "tiny", "-q"),
                Stream.of(args)).toArray(String[]::new));
    }

    @Test
    void writesAnnotatedImagesLabelsCocoJsonCsvAndCropsAndCountsTheBadInput() throws Exception {
        CliRun run = detect("-r", "in", "-o", "all", "--conf", LOW, "--max-det", "3", "--save-txt", "--save-conf",
                "--save-json", "--save-csv", "--save-crops");
        assertEquals(ExitCodes.SOME_FAILED, run.code(), run.toString());
        assertEquals(1, run.errLines().size(), run.toString());
        assertTrue(run.err().contains("in/broken.png"), run.toString());

        Raster annotated = CODEC.read(dir.resolve("all/a.png"));
        assertEquals(List.of(80, 48, 3), List.of(annotated.width(), annotated.height(), annotated.channels()));
        Raster grey = CODEC.read(dir.resolve("all/sub/b.png"));
        assertEquals(List.of(40, 60, 3), List.of(grey.width(), grey.height(), grey.channels()));

        List<String> labels = Files.readAllLines(dir.resolve("all/labels/a.txt"));
        assertEquals(3, labels.size());
        for (String line : labels) {
            String[] f = line.split(" ");
            assertEquals(6, f.length, line);
            assertTrue(f[0].equals("0") || f[0].equals("1"), line);
            for (int i = 1; i < 6; i++) {
                double v = Double.parseDouble(f[i]);
                assertTrue(v >= 0 && v <= 1, line);
            }
        }
        assertTrue(Files.isRegularFile(dir.resolve("all/labels/sub/b.txt")));

        JsonNode coco = new ObjectMapper().readTree(dir.resolve("all/detections.json").toFile());
        assertEquals(2, coco.get("images").size());
        assertEquals("a.png", coco.at("/images/0/file_name").asText());
        assertEquals("sub/b.png", coco.at("/images/1/file_name").asText());
        assertEquals(60, coco.at("/images/1/height").asInt());
        assertEquals("cell", coco.at("/categories/0/name").asText());
        assertEquals(1, coco.at("/categories/0/id").asInt());
        assertEquals(6, coco.get("annotations").size());
        for (JsonNode a : coco.get("annotations")) {
            JsonNode box = a.get("bbox");
            int image = a.get("image_id").asInt();
            double width = coco.at("/images/" + (image - 1) + "/width").asDouble();
            assertEquals(4, box.size());
            assertTrue(box.get(0).asDouble() >= 0 && box.get(0).asDouble() + box.get(2).asDouble() <= width + 0.01,
                    a.toString());
            assertTrue(a.get("category_id").asInt() >= 1 && a.get("category_id").asInt() <= 2, a.toString());
            assertTrue(a.get("score").asDouble() > 0.001, a.toString());
        }

        List<String> csv = Files.readAllLines(dir.resolve("all/detections.csv"));
        assertEquals("image,width,height,class_id,class,score,x1,y1,x2,y2", csv.get(0));
        assertEquals(7, csv.size());
        assertTrue(csv.get(1).startsWith("a.png,80,48,"), csv.get(1));

        try (Stream<Path> crops = Files.walk(dir.resolve("all/crops"))) {
            List<Path> files = crops.filter(Files::isRegularFile).toList();
            assertEquals(6, files.size(), files.toString());
            assertTrue(files.stream().allMatch(p -> p.getFileName().toString().matches("[ab]_[123]\\.png")), files.toString());
        }
    }

    @Test
    void anImageWithoutDetectionGetsAnEmptyLabelFileAndNoImagesMeansNone() throws Exception {
        CliRun run = detect("in/a.png", "-o", "none", "--conf", "1.0", "--save-txt", "--no-images");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        assertEquals(0, Files.size(dir.resolve("none/labels/a.txt")));
        assertFalse(Files.exists(dir.resolve("none/a.png")));
    }

    @Test
    void theClassFilterKeepsOnlyThoseClassesAndUnknownNamesListTheValidOnes() throws Exception {
        CliRun run = detect("in/a.png", "-o", "dots", "--conf", LOW, "--classes", "dot", "--no-images", "--json");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        JsonNode record = new ObjectMapper().readTree(run.out());
        JsonNode found = record.get("detections");
        assertTrue(found.size() > 0, run.out());
        for (JsonNode d : found) {
            assertEquals("dot", d.get("label").asText());
            assertTrue(d.get("x2").asDouble() <= 80 && d.get("y2").asDouble() <= 48, d.toString());
        }

        CliRun unknown = detect("in/a.png", "-o", "x", "--classes", "cell,cat");
        assertEquals(ExitCodes.USAGE, unknown.code(), unknown.toString());
        assertTrue(unknown.err().contains("'cat' is not a class of this model; valid classes: cell, dot"), unknown.toString());
    }

    /** {@code --tta} reaches the detector: the fused boxes of two passes are not one pass's boxes, and fit the image. */
    @Test
    void testTimeAugmentationFusesOtherBoxesInsideTheImage() throws Exception {
        JsonNode plain = new ObjectMapper().readTree(detect("in/a.png", "-o", "plain", "--conf", LOW, "--no-images",
                "--json").out()).get("detections");
        CliRun run = detect("in/a.png", "-o", "tta", "--conf", LOW, "--no-images", "--json", "--tta");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        JsonNode fused = new ObjectMapper().readTree(run.out()).get("detections");
        assertTrue(fused.size() > 0, run.out());
        assertNotEquals(plain, fused);
        for (JsonNode d : fused) {
            assertTrue(d.get("x1").asDouble() >= 0 && d.get("x2").asDouble() <= 80 && d.get("y2").asDouble() <= 48,
                    d.toString());
        }
    }

    @Test
    void withoutModelTheBundledBloodCellDetectorRuns() throws Exception {
        CliRun run = CliRun.withHome(dir, dir.resolve("empty-home"), "detect", "in/a.png", "-o", "x", "--json");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        assertEquals("bccd", new ObjectMapper().readTree(run.out()).get("model").asText(), run.toString());
    }

    @Test
    void modelsListAndInfoShowTheDetector() {
        CliRun list = CliRun.withHome(dir, dir.resolve("home"), "models", "list");
        assertTrue(list.out().matches("(?s).*tiny +detector +2 classes at 64 px .*"), list.toString());
        CliRun info = CliRun.withHome(dir, dir.resolve("home"), "models", "info", "tiny");
        assertTrue(info.out().contains("classes:       cell, dot"), info.toString());
        assertTrue(info.out().contains("mAP@[.5:.95]: 0.125"), info.toString());
    }
}
