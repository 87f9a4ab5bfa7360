package dev.attnvision.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
    @TempDir Path dir;

    @Test
    void measuresThreePhasesAndCleansUp() throws Exception {
        CliRun run = CliRun.in(dir, "bench", "--images", "3", "--size", "8", "--dir", "b");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        List<String> lines = run.out().lines().toList();
        assertEquals(4, lines.size(), run.toString());
        assertTrue(lines.get(0).startsWith("3 generated 8x8 PNGs, upscale x2 (bicubic)"), lines.get(0));
        assertTrue(lines.get(1).startsWith("bare loop, 1 thread"), lines.get(1));
        assertTrue(lines.get(3).startsWith("pipeline, 2 worker(s)"), lines.get(3));
        assertFalse(Files.exists(dir.resolve("b")));

        assertEquals(ExitCodes.OK, CliRun.in(dir, "bench", "--images", "2", "--size", "8", "--dir", "k", "--keep").code());
        try (var kept = Files.list(dir.resolve("k"))) {
            assertEquals(List.of(dir.resolve("k/in")), kept.toList(), "only the inputs are kept");
        }
    }
}
