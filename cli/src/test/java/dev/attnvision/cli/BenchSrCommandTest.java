package dev.attnvision.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchSrCommandTest {
    @TempDir Path dir;

    @Test
    void printsOneRowPerSizeWithRates() {
        CliRun run = CliRun.in(dir, "bench", "sr", "--sizes", "16", "--tiled-sizes", "72", "--tile", "16", "--runs", "1",
                "--peak", "190");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).startsWith("A2N x2 (random weights), 2 cores, median of 1 runs"), run.out());
        assertEquals(5, lines.size(), run.out());
        assertTrue(lines.get(2).matches("16px +whole image +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9]+% +[0-9]+ MiB"), lines.get(2));
        assertTrue(lines.get(3).matches("16px +OpenCV bicubic \\(reference\\) +[0-9.]+ +[0-9.]+ +- +- +[0-9]+ MiB"),
                lines.get(3));
        assertTrue(lines.get(4).matches("72px +tiles of at most 16 px, padding 12 px +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9]+%"
                + " +[0-9]+ MiB"), lines.get(4));
    }

    @Test
    void badValuesAreUsageErrors() {
        assertEquals(ExitCodes.USAGE, CliRun.in(dir, "bench", "sr", "--runs", "0").code());
        assertEquals(ExitCodes.USAGE, CliRun.in(dir, "bench", "sr", "--model", "nonesuch").code());
    }
}
