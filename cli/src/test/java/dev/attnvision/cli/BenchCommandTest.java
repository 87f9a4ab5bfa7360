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
        assertEquals(6, lines.size(), run.toString());
        assertTrue(lines.get(0).startsWith("3 generated 8x8 PNGs, upscale x2 (bicubic)"), lines.get(0));
        assertTrue(lines.get(1).startsWith("upscale only (decoded beforehand), 1 thread"), lines.get(1));
        assertTrue(lines.get(2).startsWith("bare loop, 1 thread"), lines.get(2));
        assertTrue(lines.get(4).startsWith("pipeline, 2 worker(s)"), lines.get(4));
        assertTrue(lines.get(5).matches("end to end / upscale alone: \\d+% with 1 worker, \\d+% with 2"), lines.get(5));
        assertFalse(Files.exists(dir.resolve("b")));

        assertEquals(ExitCodes.OK, CliRun.in(dir, "bench", "--images", "2", "--size", "8", "--dir", "k", "--keep").code());
        try (var kept = Files.list(dir.resolve("k"))) {
            assertEquals(List.of(dir.resolve("k/in")), kept.toList(), "only the inputs are kept");
        }
    }

    @Test
    void aRealDetectorIsTimedAloneAndEndToEnd() throws Exception {
        DetectorFiles.saveTiny(CliRun.home(dir), "tiny");
        CliRun run = CliRun.in(dir, "bench", "--model", "tiny", "--images", "4", "--size", "48", "-j", "1");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).startsWith("4 generated 48x48 PNGs, detect with tiny"), run.toString());
        assertTrue(lines.get(1).startsWith("detect only (decoded beforehand)"), run.toString());
        assertTrue(lines.get(5).matches("end to end / detect alone: \\d+% with 1 worker, \\d+% with 1"), run.toString());
        CliRun missing = CliRun.in(dir, "bench", "--model", "nope", "--images", "1");
        assertEquals(ExitCodes.USAGE, missing.code(), missing.toString());
    }

    @Test
    void detectModeReportsCostSpeedLatencyAndMemoryPerSize() {
        CliRun run = CliRun.in(dir, "bench", "detect", "--config", "tiny", "--sizes", "64,96", "--passes", "3",
                "--warmup", "0.5", "--peak", "190");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        List<String> lines = run.out().lines().toList();
        assertEquals(5, lines.size(), run.toString());
        assertTrue(lines.get(0).startsWith("config tiny (untrained), 6 classes; batch 1, 3 passes after 0.500 s of"
                + " warm-up; threads "), lines.get(0));
        assertEquals("ceiling: 190.0 GFLOP/s (--peak)", lines.get(1));
        assertEquals(List.of("size", "GMACs", "GFLOPs", "images/s", "median", "ms", "p90", "ms", "conv", "ms", "conv",
                "GFLOP/s", "%", "of", "190", "peak", "RSS"), List.of(lines.get(2).trim().split("\\s+")));
        for (int i = 0; i < 2; i++) {
            String[] cells = lines.get(3 + i).trim().split("\\s+");
            assertEquals(i == 0 ? "64" : "96", cells[0]);
            double gmacs = Double.parseDouble(cells[1]);
            assertEquals(2 * gmacs, Double.parseDouble(cells[2]), 0.011, lines.get(3 + i));
            double perSecond = Double.parseDouble(cells[3]);
            double median = Double.parseDouble(cells[4]);
            assertTrue(perSecond > 0 && median > 0 && Double.parseDouble(cells[5]) >= median, lines.get(3 + i));
            // images/s at the median latency, which is printed to 0.1 ms
            assertTrue(perSecond >= 1000 / (median + 0.05) - 0.005 && perSecond <= 1000 / (median - 0.05) + 0.005,
                    "images/s at the median latency: " + lines.get(3 + i));
            double convolutionMs = Double.parseDouble(cells[6]);
            double rate = Double.parseDouble(cells[7]);
            // the convolutions are part of the network's work; the rate is printed to 0.1 GFLOP/s, so a tiny
            // network on a busy machine may print 0.0 (no lower bound that depends on the machine's speed)
            double gflops = Double.parseDouble(cells[2]);
            assertTrue(convolutionMs > 0 && rate >= 0 && rate <= 1000 * (gflops + 0.005) / convolutionMs + 0.05,
                    lines.get(3 + i));
            assertEquals(100 * rate / 190, Double.parseDouble(cells[8].replace("%", "")), 1.0, lines.get(3 + i));
        }
        CliRun both = CliRun.in(dir, "bench", "detect", "--config", "tiny", "--model", "x");
        assertEquals(ExitCodes.USAGE, both.code(), both.toString());
        assertTrue(both.err().contains("--model and --config exclude each other"), both.toString());
        for (String[] bad : new String[][] {{"--peak", "0", "Invalid value for option '--peak': 0.0"},
            {"--warmup", "-1", "Invalid value for option '--warmup': -1.0 (seconds, 0 to 3600)"},
            {"--passes", "0", "Invalid value for option '--passes': 0 (at least 1)"},
            {"--sizes", "64,9000", "--sizes: image size must be between"}}) {
            CliRun refused = CliRun.in(dir, "bench", "detect", "--config", "tiny", bad[0], bad[1]);
            assertEquals(ExitCodes.USAGE, refused.code(), refused.toString());
            assertTrue(refused.err().contains(bad[2]), refused.toString());
            assertTrue(refused.out().isEmpty(), "refused before measuring anything: " + refused);
        }
    }
}
