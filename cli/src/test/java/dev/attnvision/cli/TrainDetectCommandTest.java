package dev.attnvision.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.ParameterList;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attnvision.core.model.StoredModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainDetectCommandTest {
    /** 2 synthetic scenes of 64 px (validated on 2 others) in batches of 2, tiny detector: 1 iteration per epoch. */
    private static final List<String> TINY_RUN = List.of("train", "detect", "--data", "synth:shapes:2", "--img-size",
            "64", "--batch", "2", "--config", "tiny", "--seed", "5", "-j", "1", "--log-every", "1");

    @TempDir Path dir;

    @Test
    void trainsValidatesEveryEpochAndSavesModelsWithACard() throws Exception {
        CliRun run = train("a", "2");
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().contains("trained 2 iterations"), run.toString());
        assertTrue(run.err().contains("1 iterations per epoch"), run.toString());
        for (String file : new String[] {"train.csv", "train.png", "best/model.json", "best/model.params",
            "last/model.json", "last/model.params", "checkpoints/iter-00000002/state.json"}) {
            assertTrue(Files.isRegularFile(dir.resolve("a").resolve(file)), file + "\n" + run);
        }
        List<String[]> rows = rows(dir.resolve("a/train.csv"));
        assertEquals(List.of("1", "2"), rows.stream().map(r -> r[0]).toList());
        for (String[] row : rows) {
            assertTrue(Double.isFinite(Double.parseDouble(row[1])) && Double.parseDouble(row[1]) > 0, row[1]);
        }
        assertTrue(!rows.get(0)[4].isEmpty() && !rows.get(1)[4].isEmpty(), "mAP after each epoch");
        JsonNode card = new ObjectMapper().readTree(dir.resolve("a/last/model.json").toFile());
        assertEquals("detector", card.at("/architecture").asText());
        assertEquals(64, card.at("/config/imageSize").asInt());
        assertTrue(card.at("/provenance/source").asText().startsWith("attnvision train detect --data synth:shapes:2"));
        String note = card.at("/provenance/note").asText();
        assertTrue(note.contains("2.00 epochs (2 iterations) at 64 px") && note.contains("CPU hours"), note);
        assertTrue(card.at("/metrics/mAP@[.5:.95]").isNumber() && card.at("/metrics/mAP@.5").isNumber(), card.toString());
    }

    @Test
    void resumeAfterAnInterruptionRepeatsTheUninterruptedLosses() throws Exception {
        assertEquals(0, train("whole", "2").code());
        // an interrupted run: the same run folder as it was after the first epoch's checkpoint
        copy(dir.resolve("whole"), dir.resolve("cut"));
        deleteTree(dir.resolve("cut/checkpoints/iter-00000002"));
        CliRun resumed = CliRun.in(dir, args("cut", "2", "--resume"));
        assertEquals(0, resumed.code(), resumed.toString());
        List<String[]> whole = rows(dir.resolve("whole/train.csv"));
        List<String[]> cut = rows(dir.resolve("cut/train.csv"));
        assertEquals(whole.stream().map(r -> r[0]).toList(), cut.stream().map(r -> r[0]).toList());
        for (int i = 1; i < 2; i++) {
            assertEquals(Double.parseDouble(whole.get(i)[1]), Double.parseDouble(cut.get(i)[1]),
                    1e-5 * Double.parseDouble(whole.get(i)[1]), "loss at iteration " + (i + 1));
            assertEquals(whole.get(i)[2], cut.get(i)[2], "learning rate at iteration " + (i + 1));
        }
        // the exported average went on averaging after the resume, as in the uninterrupted run (an average left
        // where the checkpoint had it is about 0.08 away)
        try (NDManager manager = NDManager.newBaseManager()) {
            ParameterList a = StoredModel.inFolder(dir.resolve("whole/last")).load(manager).getParameters();
            ParameterList b = StoredModel.inFolder(dir.resolve("cut/last")).load(manager).getParameters();
            double apart = 0;
            for (int i = 0; i < a.size(); i++) {
                apart = Math.max(apart, a.get(i).getValue().getArray().sub(b.get(i).getValue().getArray())
                        .abs().max().getFloat());
            }
            assertTrue(apart < 1e-4, "the resumed run's average is " + apart + " away");
        }
        List<String> otherSeed = new java.util.ArrayList<>(List.of(args("cut", "3", "--resume")));
        otherSeed.set(otherSeed.indexOf("--seed") + 1, "6");
        CliRun reseeded = CliRun.in(dir, otherSeed.toArray(String[]::new));
        assertEquals(2, reseeded.code(), reseeded.toString());
        assertTrue(reseeded.err().contains("the run was started with --seed 5, not 6; resume with the same seed"),
                reseeded.toString());
        CliRun done = CliRun.in(dir, args("cut", "2", "--resume"));
        assertEquals(2, done.code(), done.toString());
        assertTrue(done.err().contains("already done 2 of 2 iterations"), done.toString());
    }

    @Test
    void initFromCopiesAnotherDetectorAndTheAnchorBaseIsKeptWithTheRun() throws Exception {
        assertEquals(0, train("first", "1").code());
        CliRun tuned = CliRun.in(dir, args("tuned", "1", "--init-from", "first/last", "--anchor-base", "2"));
        assertEquals(0, tuned.code(), tuned.toString());
        assertTrue(tuned.err().contains("--init-from: copied 143 parameters, skipped 0"), tuned.toString());
        JsonNode recorded = new ObjectMapper().readTree(dir.resolve("tuned/detector.json").toFile());
        assertEquals(16.0, recorded.at("/anchors/baseSizes/0").asDouble(), "2 strides of 8 px");
        JsonNode model = new ObjectMapper().readTree(dir.resolve("tuned/last/model.json").toFile());
        assertEquals(16.0, model.at("/config/network/anchors/baseSizes/0").asDouble(), model.toString());

        CliRun otherAnchors = CliRun.in(dir, args("tuned", "2", "--resume"));
        assertEquals(2, otherAnchors.code(), otherAnchors.toString());
        assertTrue(otherAnchors.err().contains("trains another detector than these options make"),
                otherAnchors.toString());
        CliRun both = CliRun.in(dir, args("tuned", "2", "--resume", "--anchor-base", "2", "--init-from", "first/last"));
        assertEquals(2, both.code(), both.toString());
        assertTrue(both.err().contains("--resume and --init-from exclude each other"), both.toString());
        CliRun resumed = CliRun.in(dir, args("tuned", "2", "--resume", "--anchor-base", "2"));
        assertEquals(0, resumed.code(), resumed.toString());
    }

    @Test
    void aUsersFolderIsCheckedSplitAndTrainedOnWithoutItsBadFiles() throws Exception {
        Path photos = dir.resolve("photos");
        for (int i = 0; i < 6; i++) {
            LabelledFolder.photo(photos, photos, "p" + i, "cell 4 4 40 30");
        }
        LabelledFolder.truncate(photos.resolve("p5.jpg"));
        CliRun run = CliRun.in(dir, "train", "detect", "--data", "photos", "--img-size", "64", "--batch", "2",
                "--config", "tiny", "-j", "1", "--epochs", "2", "--assigner", "task-aligned", "--box-loss", "giou",
                "--cls-loss", "varifocal", "--multi-scale", "0.5", "-o", "r");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        String err = run.err();
        assertTrue(err.contains("Pascal VOC XML beside the images, 1 class"), err);
        assertTrue(err.contains("photos/p5.jpg: unreadable image: truncated JPEG"), err);
        assertTrue(err.contains("held out 1 of 5 images for validation"), err);
        assertTrue(err.contains("training tiny on 4 images of ") && err.contains("validating on 1 images of "), err);
        Path broken = dir.resolve("broken");
        LabelledFolder.photo(broken, broken, "only", "cell 4 4 40 30");
        LabelledFolder.truncate(broken.resolve("only.jpg"));
        CliRun none = CliRun.in(dir, "train", "detect", "--data", "broken", "--img-size", "64", "--config", "tiny",
                "--epochs", "1", "-o", "r2");
        assertEquals(ExitCodes.USAGE, none.code(), none.toString());
        assertTrue(none.err().contains("holds no usable image") && none.err().contains("data check"), none.toString());
        CliRun help = CliRun.in(dir, "train", "detect", "--help");
        assertTrue(help.out().contains("(default: 512)"), help.out());
    }

    @Test
    void refusesUnknownPresetsAndBadSizes() {
        CliRun anchors = CliRun.in(dir, "train", "detect", "--data", "synth:shapes", "--epochs", "1", "--img-size",
                "64", "--anchor-base", "0", "-o", "r");
        assertEquals(2, anchors.code(), anchors.toString());
        assertTrue(anchors.err().contains("Invalid value for option '--anchor-base': 0.0"), anchors.toString());
        CliRun preset = CliRun.in(dir, "train", "detect", "--data", "synth:shapes", "--epochs", "1", "--img-size",
                "64", "--config", "cbam", "-o", "r");
        assertEquals(2, preset.code(), preset.toString());
        assertTrue(preset.err().contains("expected one of baseline, se, spatial, harnet, tiny"), preset.toString());
        CliRun assigner = CliRun.in(dir, "train", "detect", "--data", "synth:shapes", "--epochs", "1", "--img-size",
                "64", "--assigner", "best", "-o", "r");
        assertEquals(2, assigner.code(), assigner.toString());
        assertTrue(assigner.err().contains("'best' (expected one of max-iou, atss, task-aligned)"), assigner.toString());
        CliRun loss = CliRun.in(dir, "train", "detect", "--data", "synth:shapes", "--epochs", "1", "--img-size",
                "64", "--cls-loss", "quality", "-o", "r");
        assertEquals(2, loss.code(), loss.toString());
        assertTrue(loss.err().contains("'--cls-loss': 'quality' (expected one of focal, varifocal)"), loss.toString());
        CliRun close = CliRun.in(dir, "train", "detect", "--data", "synth:shapes", "--epochs", "1", "--img-size",
                "64", "--close-mosaic", "-1", "-o", "r");
        assertEquals(2, close.code(), close.toString());
        CliRun scales = CliRun.in(dir, "train", "detect", "--data", "synth:shapes", "--epochs", "1", "--img-size",
                "64", "--multi-scale", "0.7", "-o", "r");
        assertEquals(2, scales.code(), scales.toString());
        assertTrue(scales.err().contains("--multi-scale must be in [0, 0.5]"), scales.toString());
        CliRun size = CliRun.in(dir, "train", "detect", "--data", "synth:shapes", "--epochs", "1", "--img-size",
                "100", "-o", "r");
        assertEquals(2, size.code(), size.toString());
        assertTrue(size.err().contains("--img-size must be a multiple of 32"), size.toString());
        CliRun data = CliRun.in(dir, "train", "detect", "--data", "nowhere", "--epochs", "1", "--img-size", "64",
                "-o", "r");
        assertEquals(2, data.code(), data.toString());
        assertTrue(data.err().contains("--data nowhere does not exist"), data.toString());
    }

    private CliRun train(String runDir, String epochs) {
        return CliRun.in(dir, args(runDir, epochs));
    }

    private static String[] args(String runDir, String epochs, String... more) {
        List<String> all = new java.util.ArrayList<>(TINY_RUN);
        all.addAll(List.of("--epochs", epochs, "-o", runDir));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** The data rows of a training log, split into cells. */
    private static List<String[]> rows(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        return lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).toList();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
