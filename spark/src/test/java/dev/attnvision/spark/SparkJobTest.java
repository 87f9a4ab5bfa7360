package dev.attnvision.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attnvision.cli.BadInputCorpus;
import dev.attnvision.cli.CliRun;
import dev.attnvision.cli.ExitCodes;
import dev.attnvision.core.image.Encoding;
import dev.attnvision.core.image.ImageCodec;
import dev.attnvision.core.image.ImageFormat;
import dev.attnvision.core.model.ModelStore;
import dev.attnvision.core.testing.TestImages;
import dev.attnvision.core.testing.TinyA2n;
import dev.attnvision.core.testing.TinyDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code attnvision spark} in local mode, on good images mixed with the CLI's bad-input corpus: one result row per
 * input, bad files as failed rows naming their reason, the CLI's very outputs, and no partial file after a task dies
 * mid-write and is retried. The CLI and the job run in this one process, on one engine with one thread setting, so
 * their networks run the same kernels on the same inputs: their outputs are compared for identity.
 */
class SparkJobTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ImageCodec CODEC = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS);

    @TempDir static Path dir;
    private static Path home;

    @BeforeAll
    static void inputsAndModels() throws Exception {
        Path in = dir.resolve("in");
        BadInputCorpus.write(in);
        Files.createDirectories(in.resolve("nested/deeper"));
        CODEC.write(TestImages.noise(40, 30, 1), in.resolve("noise.png"), Encoding.of(ImageFormat.PNG));
        CODEC.write(TestImages.noise(33, 47, 2), in.resolve("nested/noise.jpg"), Encoding.of(ImageFormat.JPEG));
        CODEC.write(TestImages.noise(24, 24, 3), in.resolve("nested/deeper/noise.png"), Encoding.of(ImageFormat.PNG));
        home = dir.resolve("home");
        ModelStore store = new ModelStore(home.resolve("models"));
        TinyA2n.save(store, "tiny-x2", 5);
        TinyDetector.save(store, "tiny-det", 6);
    }

    private static List<Path> goodInputs() {
        List<Path> good = new ArrayList<>();
        for (Object[] g : BadInputCorpus.GOOD) {
            good.add(Path.of((String) g[0]));
        }
        good.addAll(List.of(Path.of("noise.png"), Path.of("nested/noise.jpg"), Path.of("nested/deeper/noise.png")));
        return good;
    }

    private static int inputCount() {
        return goodInputs().size() + BadInputCorpus.BAD.length;
    }

    /** The results table's rows under {@code out/results}, by input file name relative to {@code in}. */
    private static Map<String, JsonNode> results(Path out) throws IOException {
        Map<String, JsonNode> rows = new HashMap<>();
        try (Stream<Path> parts = Files.list(out.resolve(ImageJob.RESULTS))) {
            for (Path part : parts.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                for (String line : Files.readAllLines(part)) {
                    JsonNode row = JSON.readTree(line);
                    String input = row.get("input").asText();
                    String relative = input.substring(input.indexOf("/in/") + 4);
                    assertFalse(rows.containsKey(relative), "one row per input: " + relative + " twice");
                    rows.put(relative, row);
                }
            }
        }
        return rows;
    }

    private static CliRun spark(String... args) {
        return CliRun.ofRoot(SparkCommand.class, dir, home, args);
    }

    @Test
    void upscaleWritesTheCliPixelsAndAFailedRowPerBadFile() throws Exception {
        CliRun cli = CliRun.withHome(dir, home, "upscale", "in", "-r", "-o", "cli-x2", "-s", "2", "--model", "tiny-x2", "-q");
        CliRun job = spark("upscale", "in", "-r", "-o", "spark-x2", "-s", "2", "--model", "tiny-x2",
                "--master", "local[2]", "--files-per-partition", "2", "--parquet");

        assertEquals(ExitCodes.SOME_FAILED, cli.code(), cli.toString());
        assertEquals(ExitCodes.SOME_FAILED, job.code(), job.toString());
        int bad = BadInputCorpus.BAD.length;
        int good = goodInputs().size();
        assertTrue(job.err().contains("upscale " + inputCount() + " inputs") && job.err().contains(good + " ok, 0 skipped, "
                + bad + " failed"), job.toString());
        Map<String, JsonNode> rows = results(dir.resolve("spark-x2"));
        assertEquals(inputCount(), rows.size(), "one row per input: " + rows.keySet());
        for (String[] b : BadInputCorpus.BAD) {
            JsonNode row = rows.get(b[0]);
            assertEquals("failed", row.get("status").asText(), b[0]);
            assertTrue(row.get("error").asText().startsWith(b[1]), b[0] + ": " + row.get("error"));
            assertEquals(0, row.get("outputs").size());
            assertFalse(Files.exists(dir.resolve("spark-x2").resolve(b[0])));
        }
        for (Path relative : goodInputs()) {
            JsonNode row = rows.get(relative.toString());
            assertEquals("ok", row.get("status").asText(), relative + ": " + row);
            assertEquals(2, row.get("scale").asInt());
            byte[] expected = Files.readAllBytes(dir.resolve("cli-x2").resolve(relative));
            Path written = dir.resolve("spark-x2").resolve(relative);
            assertEquals("file:" + written, row.get("outputs").get(0).asText());
            assertArrayEquals(expected, Files.readAllBytes(written), relative + ": the CLI's file, byte for byte");
        }
        assertTrue(Files.isDirectory(dir.resolve("spark-x2").resolve(ImageJob.RESULTS_PARQUET)), "Parquet on request");
        assertFalse(Files.exists(dir.resolve("spark-x2").resolve(HadoopOutputs.TEMPORARY)), "no temporary folder left");
    }

    @Test
    void detectFindsTheCliBoxesAndWritesTheSameLabelFiles() throws Exception {
        CliRun cli = CliRun.withHome(dir, home, "detect", "in", "-r", "-o", "cli-det", "--model", "tiny-det",
                "--conf", "0.005", "--save-txt", "--save-conf", "--save-json", "--save-csv", "--json", "-q");
        CliRun job = spark("detect", "in", "-r", "-o", "spark-det", "--model", "tiny-det", "--conf", "0.005",
                "--save-txt", "--save-conf", "--save-json", "--save-csv", "--master", "local[2]");

        assertEquals(ExitCodes.SOME_FAILED, job.code(), job.toString());
        Map<String, JsonNode> cliRows = new HashMap<>();
        for (String line : cli.out().lines().toList()) {
            JsonNode row = JSON.readTree(line);
            cliRows.put(row.get("input").asText().replaceFirst("^in/", ""), row);
        }
        Map<String, JsonNode> rows = results(dir.resolve("spark-det"));
        assertEquals(inputCount(), rows.size());
        int boxes = 0;
        for (Path relative : goodInputs()) {
            JsonNode row = rows.get(relative.toString());
            JsonNode expected = cliRows.get(relative.toString()).get("detections");
            assertEquals("ok", row.get("status").asText(), relative + ": " + row);
            assertEquals(expected.size(), row.get("detections").size(), relative.toString());
            for (int i = 0; i < expected.size(); i++) {
                for (String field : List.of("label", "classId", "score", "x1", "y1", "x2", "y2")) {
                    String column = field.equals("classId") ? "class_id" : field;
                    assertEquals(expected.get(i).get(field).asText(), row.get("detections").get(i).get(column).asText(),
                            relative + " detection " + i + " " + field);
                }
            }
            boxes += expected.size();
            Path labels = Path.of("labels").resolve(relative.toString().replaceFirst("\\.[^.]+$", ".txt"));
            assertEquals(Files.readString(dir.resolve("cli-det").resolve(labels)),
                    Files.readString(dir.resolve("spark-det").resolve(labels)), labels.toString());
            assertArrayEquals(Files.readAllBytes(dir.resolve("cli-det").resolve(relative)),
                    Files.readAllBytes(dir.resolve("spark-det").resolve(relative)), "annotated " + relative);
        }
        assertTrue(boxes > 0, "the comparison compared boxes");
        for (String table : List.of("detections.json", "detections.csv")) {
            assertEquals(Files.readString(dir.resolve("cli-det").resolve(table)),
                    Files.readString(dir.resolve("spark-det").resolve(table)), table);
        }
    }

    @Test
    void aTaskThatDiesMidWriteIsRetriedAndLeavesNoPartialFile() throws Exception {
        FlakyFileSystem.RENAMES.set(0);
        System.setProperty("spark.hadoop.fs.flaky.impl", FlakyFileSystem.class.getName());
        System.setProperty("spark.hadoop.fs.flaky.impl.disable.cache", "true");
        CliRun job;
        try {
            job = spark("upscale", "in", "-r", "-o", "flaky:" + dir.resolve("retried"), "-s", "2", "--method",
                    "bicubic", "--master", "local[1,3]", "--files-per-partition", "100");
        } finally {
            System.clearProperty("spark.hadoop.fs.flaky.impl");
            System.clearProperty("spark.hadoop.fs.flaky.impl.disable.cache");
        }

        assertTrue(FlakyFileSystem.RENAMES.get() > FlakyFileSystem.CRASH_AT, "the crash happened and the task went on");
        assertEquals(ExitCodes.SOME_FAILED, job.code(), job.toString());
        Map<String, JsonNode> rows = results(dir.resolve("retried"));
        assertEquals(inputCount(), rows.size(), "the retried task's rows only, once each");
        for (Path relative : goodInputs()) {
            assertEquals("ok", rows.get(relative.toString()).get("status").asText(), relative + " (its earlier output"
                    + " was written by the attempt that died)");
            CODEC.read(dir.resolve("retried").resolve(relative));
        }
        try (Stream<Path> files = Files.walk(dir.resolve("retried"))) {
            assertTrue(files.noneMatch(p -> p.toString().contains(HadoopOutputs.TEMPORARY)), "no temporary file left");
        }
    }

    @Test
    void skipExistingLeavesFinishedOutputsAndRedoesTheRest() throws Exception {
        CliRun first = spark("upscale", "in", "-o", "resumed", "-s", "2", "--method", "bicubic", "--master", "local[2]");
        assertEquals(ExitCodes.SOME_FAILED, first.code(), first.toString());
        Path kept = dir.resolve("resumed/noise.png");
        long written = Files.getLastModifiedTime(kept).toMillis();
        Files.delete(dir.resolve("resumed/gray.png"));

        CliRun again = spark("upscale", "in", "-o", "resumed", "-s", "2", "--method", "bicubic", "--master", "local[2]",
                "--skip-existing");
        CliRun refused = spark("upscale", "in", "-o", "resumed", "-s", "2", "--method", "bicubic", "--master", "local[2]");

        Map<String, JsonNode> rows = results(dir.resolve("resumed"));
        assertEquals(ExitCodes.SOME_FAILED, again.code(), again.toString());
        int topLevelGood = (int) goodInputs().stream().filter(p -> p.getNameCount() == 1).count();
        assertTrue(again.err().contains("1 ok, " + (topLevelGood - 1) + " skipped"), again.toString());
        assertEquals(written, Files.getLastModifiedTime(kept).toMillis(), "a finished output is left alone");
        assertTrue(Files.exists(dir.resolve("resumed/gray.png")), "the missing output is made again");
        assertTrue(refused.err().contains("0 ok, 0 skipped"), "without --skip-existing or --overwrite an existing"
                + " output is a failed row\n" + refused);
        assertTrue(results(dir.resolve("resumed")).get("noise.png").get("error").asText().contains("--skip-existing"));
        assertEquals(rows.keySet(), results(dir.resolve("resumed")).keySet());
    }

    @Test
    void aListFileNamesInputsOneALineAndAMissingOneIsAFailedRow() throws Exception {
        Files.writeString(dir.resolve("list.txt"), "in/noise.png\n\n  in/nested/noise.jpg  \nin/gone.png\n");

        CliRun job = spark("upscale", "@list.txt", "-o", "listed", "-s", "2", "--method", "bicubic", "--master",
                "local[1]");

        assertEquals(ExitCodes.SOME_FAILED, job.code(), job.toString());
        assertTrue(Files.exists(dir.resolve("listed/noise.png")) && Files.exists(dir.resolve("listed/noise.jpg")),
                "files named directly go straight into the output folder, as in the CLI");
        List<String> lines = new ArrayList<>();
        try (Stream<Path> parts = Files.list(dir.resolve("listed").resolve(ImageJob.RESULTS))) {
            for (Path part : parts.toList()) {
                lines.addAll(Files.readAllLines(part));
            }
        }
        assertEquals(3, lines.size(), lines.toString());
        JsonNode gone = lines.stream().map(SparkJobTest::json).filter(r -> r.get("input").asText().endsWith("gone.png"))
                .findFirst().orElseThrow();
        assertEquals("failed", gone.get("status").asText());
        assertEquals("no such file or folder", gone.get("error").asText());
    }

    @Test
    void aGlobMirrorsThePathsBelowItsFixedFoldersAndAFolderWithoutRecursiveKeepsItsTopLevel() throws Exception {
        CliRun glob = spark("upscale", "in/n*/*.jpg", "-o", "globbed", "-s", "2", "--method", "bicubic", "--master",
                "local[1]");
        CliRun flat = spark("upscale", "in/nested", "-o", "flat", "-s", "2", "--method", "bicubic", "--master",
                "local[1]");

        assertEquals(ExitCodes.OK, glob.code(), glob.toString());
        assertTrue(Files.exists(dir.resolve("globbed/nested/noise.jpg")), "below the glob's fixed folder 'in'");
        assertEquals(ExitCodes.OK, flat.code(), flat.toString());
        assertTrue(Files.exists(dir.resolve("flat/noise.jpg")));
        assertFalse(Files.exists(dir.resolve("flat/deeper")), "sub-folders only with --recursive");
    }

    @Test
    void theBenchmarkTimesTheCliAndEachMasterOnTheSameInputs() {
        CliRun bench = spark("bench", "--runs", "1", "--masters", "local[1]", "--", "upscale", "in", "-s", "2",
                "--method", "bicubic");

        assertEquals(ExitCodes.OK, bench.code(), bench.toString());
        List<String> lines = bench.out().lines().toList();
        assertTrue(lines.get(0).startsWith("attnvision spark bench: upscale in -s 2 --method bicubic ("
                + (BadInputCorpus.GOOD.length + 1 + BadInputCorpus.BAD.length) + " inputs)"), bench.toString());
        assertTrue(lines.get(2).matches("CLI +[0-9.]+ +[0-9.]+ +1\\.00"), bench.toString());
        assertTrue(lines.get(3).matches("local\\[1] +[0-9.]+ +[0-9.]+ +[0-9.]+"), bench.toString());
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError(line, e);
        }
    }

    @Test
    void usageErrorsExitWithTwoBeforeAnythingRuns() {
        CliRun missing = spark("upscale", "no-such-folder", "-o", "never", "--master", "local[1]");
        CliRun unknownModel = spark("detect", "in", "-o", "never", "--model", "no-such-model");
        CliRun noSubcommand = spark();

        assertEquals(ExitCodes.USAGE, missing.code(), missing.toString());
        assertTrue(missing.err().contains("no such file or folder: " + dir.resolve("no-such-folder")), missing.toString());
        assertEquals(ExitCodes.USAGE, unknownModel.code(), unknownModel.toString());
        assertTrue(unknownModel.err().contains("no-such-model"), unknownModel.toString());
        assertEquals(ExitCodes.USAGE, noSubcommand.code(), noSubcommand.toString());
        assertFalse(Files.exists(dir.resolve("never/results")));
        for (CliRun run : List.of(missing, unknownModel, noSubcommand)) {
            assertFalse(run.err().contains("\tat "), "no stack trace\n" + run);
        }
    }
}
