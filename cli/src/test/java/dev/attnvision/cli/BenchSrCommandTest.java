package dev.attnvision.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchSrCommandTest {
    @TempDir Path dir;

    /** Without --peak the ceiling is measured first and every rate is printed as a share of it. */
    @Test
    void printsTheCeilingMeasuredInTheSameRunThenOneRowPerSizeWithRates() {
        CliRun run = CliRun.in(dir, "bench", "sr", "--sizes", "16", "--tiled-sizes", "72", "--tile", "16", "--runs", "1");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).startsWith("A2N x2 (random weights), f32, 2 cores, median of 1 runs"), run.out());
        assertEquals(6, lines.size(), run.out());
        Matcher ceiling = Pattern.compile("ceiling: ([0-9.]+) GFLOP/s \\(channels-last 1x1 convolution, 4096 -> 4096"
                + " channels over 64x64 px, 137 GFLOP a run, median of 5\\)").matcher(lines.get(1));
        assertTrue(ceiling.matches(), lines.get(1));
        // the heading rounds the measured ceiling to a whole number, the ceiling line to one decimal: the two
        // figures are within half a unit plus half a tenth of each other (143.45 prints as 143.5 and "% of 143")
        Matcher heading = Pattern.compile(".* % of ([0-9]+) .*").matcher(lines.get(2));
        assertTrue(heading.matches(), lines.get(2));
        assertEquals(Double.parseDouble(ceiling.group(1)), Double.parseDouble(heading.group(1)), 0.55, lines.get(2));
        assertTrue(lines.get(3).matches("16px +whole image +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9]+% +[0-9]+ MiB"), lines.get(3));
        assertTrue(lines.get(4).matches("16px +OpenCV bicubic \\(reference\\) +[0-9.]+ +[0-9.]+ +- +- +[0-9]+ MiB"),
                lines.get(4));
        Matcher tiled = Pattern.compile("72px +tiles of at most 16 px +[0-9.]+ +[0-9.]+ +([0-9.]+) +([0-9]+)%"
                + " +[0-9]+ MiB").matcher(lines.get(5));
        assertTrue(tiled.matches(), lines.get(5));
        assertEquals(100 * Double.parseDouble(tiled.group(1)) / Double.parseDouble(ceiling.group(1)),
                Double.parseDouble(tiled.group(2)), 1.0, lines.get(5));
    }

    /** In bf16 the heading and each network row say so, and the rows keep their layout. */
    @Test
    void bfloat16RowsAreLabelled() {
        CliRun run = CliRun.in(dir, "bench", "sr", "--sizes", "16", "--tiled-sizes", "40", "--tile", "16", "--runs", "1",
                "--peak", "100", "--precision", "bf16");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).startsWith("A2N x2 (random weights), bf16, "), run.out());
        assertTrue(lines.get(3).matches("16px +whole image, bf16 +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9]+% +[0-9]+ MiB"),
                lines.get(3));
        assertTrue(lines.get(5).matches("40px +tiles of at most 16 px, bf16 +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9]+%"
                + " +[0-9]+ MiB"), lines.get(5));
    }

    @Test
    void badValuesAreUsageErrors() {
        assertEquals(ExitCodes.USAGE, CliRun.in(dir, "bench", "sr", "--runs", "0").code());
        assertEquals(ExitCodes.USAGE, CliRun.in(dir, "bench", "sr", "--model", "nonesuch").code());
    }
}
