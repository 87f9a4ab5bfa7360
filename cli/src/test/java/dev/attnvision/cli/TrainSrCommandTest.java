package dev.attnvision.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainSrCommandTest {
    @TempDir Path dir;

    @Test
    void trainsValidatesSavesModelsAndResumes() throws Exception {
        SrImageFiles.folder(dir.resolve("train"), 2, 30, 1);
        SrImageFiles.folder(dir.resolve("val"), 1, 24, 2);
        CliRun first = CliRun.in(dir, "train", "sr", "--data", "train", "--scale", "2", "--patch", "12", "--batch", "2",
                "--iters", "2", "--val", "val", "--val-every", "2", "--seed", "3", "-o", "run");
        assertEquals(0, first.code(), first.toString());
        assertTrue(first.out().contains("trained 2 iterations"), first.toString());
        assertTrue(first.err().contains("training on 2 images"), first.toString());
        for (String file : new String[] {"train.csv", "train.png", "best/model.json", "best/model.params",
            "last/model.json", "checkpoints/iter-00000002/state.json"}) {
            assertTrue(Files.isRegularFile(dir.resolve("run").resolve(file)), file + "\n" + first);
        }
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("run/last/model.json").toFile());
        assertTrue(manifest.at("/provenance/source").asText().startsWith("attnvision train sr --data train"));
        assertTrue(manifest.at("/provenance/note").asText().contains("2 iterations"), manifest.toString());
        assertTrue(manifest.at("/metrics/val PSNR-Y dB").isNumber(), manifest.toString());
        assertEquals(2, manifest.at("/scale").asInt());

        CliRun resumed = CliRun.in(dir, "train", "sr", "--data", "train", "--scale", "2", "--patch", "12", "--batch",
                "2", "--iters", "3", "--val", "val", "--val-every", "2", "--seed", "3", "-o", "run", "--resume", "--loss", "mse");
        assertEquals(0, resumed.code(), resumed.toString());
        assertEquals(List.of("iteration", "2", "3"), Files.readAllLines(dir.resolve("run/train.csv")).stream()
                .map(line -> line.split(",")[0]).toList(), "rows at the validation (2) and the end (3)");
    }

    @Test
    void refusesContradictoryOrInvalidOptions() throws Exception {
        SrImageFiles.folder(dir.resolve("train"), 1, 30, 1);
        CliRun both = CliRun.in(dir, "train", "sr", "--data", "train", "--scale", "2", "-o", "run", "--resume",
                "--init-from", "a2n-x2");
        assertEquals(2, both.code(), both.toString());
        assertTrue(both.err().contains("--resume and --init-from exclude each other"), both.toString());
        CliRun patch = CliRun.in(dir, "train", "sr", "--data", "train", "--scale", "3", "--patch", "16", "-o", "run");
        assertEquals(2, patch.code(), patch.toString());
        assertTrue(patch.err().contains("--patch must be a multiple of the scale 3, got 16"), patch.toString());
        CliRun nothing = CliRun.in(dir, "train", "sr", "--data", "train", "--scale", "2", "--patch", "12", "-o", "run",
                "--resume");
        assertEquals(2, nothing.code(), nothing.toString());
        assertTrue(nothing.err().contains("no checkpoint to resume from"), nothing.toString());
        assertFalse(nothing.err().contains("internal error") || nothing.err().contains("\tat "), nothing.toString());
        CliRun threads = CliRun.in(dir, "train", "sr", "--data", "train", "--scale", "2", "--patch", "12", "-o", "run",
                "--threads", "0");
        assertEquals(2, threads.code(), threads.toString());
        assertTrue(threads.err().contains("Invalid value for option '--threads': 0 (at least 1)"), threads.toString());
        CliRun loss = CliRun.in(dir, "train", "sr", "--data", "train", "--scale", "2", "--patch", "12", "-o", "run",
                "--loss", "l2");
        assertEquals(2, loss.code(), loss.toString());
        assertTrue(loss.err().contains("Invalid value for option '--loss': 'l2' (expected l1 or mse)"), loss.toString());
    }

    @Test
    void aDivergingRunStopsWithOneLineAndExitCode1() throws Exception {
        SrImageFiles.folder(dir.resolve("train"), 1, 30, 1);
        CliRun run = CliRun.in(dir, "train", "sr", "--data", "train", "--scale", "2", "--patch", "12", "--batch", "2",
                "--features", "8", "--blocks", "1", "--iters", "20", "--lr", "1e30", "--val-every", "1", "-o", "run");
        assertEquals(1, run.code(), run.toString());
        assertTrue(run.err().contains("training diverged at iteration "), run.toString());
        assertTrue(run.err().contains("lower --lr"), run.toString());
        assertFalse(run.err().contains("internal error") || run.err().contains("\tat "), run.toString());
        assertTrue(Files.isDirectory(dir.resolve("run/checkpoints")), "the checkpoints before the divergence stay");
    }
}
