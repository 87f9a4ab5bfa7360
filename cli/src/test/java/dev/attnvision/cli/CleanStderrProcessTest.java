package dev.attnvision.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.attnvision.core.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real CLI in its own JVM, as the launcher does, and checks that nothing but our own messages reaches
 * standard error: PyTorch's native code writes its warnings (such as the once-per-process {@code [W... ]
 * Warning: AutoNonVariableTypeMode is deprecated ...}, which DJL's in-place {@code NDArray.set(Buffer)} provoked)
 * straight to the process's stderr, where an in-process test cannot see them. Four processes (three trainings, one
 * evaluation), since a once-per-process warning can depend on what a run happens to do first.
 */
class CleanStderrProcessTest {
    /** Only a hang guard: a run takes seconds on an idle machine, and a busy one must not fail it. */
    private static final long HANG_MINUTES = 10;

    @TempDir Path dir;

    @Test
    void trainingAndEvaluatingPrintNoEngineNoise() throws Exception {
        SrImageFiles.folder(dir.resolve("train"), 2, 24, 1);
        for (int seed = 1; seed <= 2; seed++) {
            Result train = cli("train", "sr", "--data", "train", "--scale", "2", "--patch", "12", "--batch", "2",
                    "--iters", "1", "--seed", Integer.toString(seed), "-o", "run" + seed);
            assertEquals(0, train.code(), train.toString());
            assertNoEngineNoise(train);
        }
        Result eval = cli("eval", "sr", "--model", "run1/last", "--scale", "2", "train");
        assertEquals(0, eval.code(), eval.toString());
        assertNoEngineNoise(eval);
        // the tiled sweep, with its maps in temporary files
        Result upscale = cli("upscale", "train", "-o", "big", "-s", "2", "--model", "a2n-x2", "--tile", "16",
                "--max-memory", "1K");
        assertEquals(0, upscale.code(), upscale.toString());
        assertNoEngineNoise(upscale);
        // weight averaging, mosaics and ATSS
        Result detect = cli("train", "detect", "--data", "synth:shapes:2", "--img-size", "64", "--config", "tiny",
                "--batch", "2", "--epochs", "2", "--assigner", "atss", "-j", "1", "-o", "det");
        assertEquals(0, detect.code(), detect.toString());
        assertNoEngineNoise(detect);
    }

    @Test
    void importingTheOfficialWeightsPrintsNoEngineNoise() throws Exception {
        Path weights = SharedData.require("weights/a2n-official/aan_x2.pt");
        Result imported = cli("models", "import", weights.toString(), "--arch", "a2n", "--scale", "2", "--name", "x2");
        assertEquals(0, imported.code(), imported.toString());
        assertEquals("", imported.err(), imported.toString());
    }

    private static void assertNoEngineNoise(Result run) {
        for (String line : run.err().lines().toList()) {
            for (String noise : List.of("[W", "[I", "[E", "Warning:", "CUDA", "WARN", "LegacyTypeDispatch")) {
                assertFalse(line.contains(noise), "engine noise on stderr (" + noise + "):\n" + run);
            }
        }
    }

    /** Runs {@code dev.attnvision.cli.Main} in a fresh JVM in {@link #dir}, with its own attnvision home. */
    private Result cli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                "dev.attnvision.cli.Main"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().put(CliEnvironment.HOME_VARIABLE, dir.resolve("home").toString());
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(HANG_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the CLI did not finish in " + HANG_MINUTES + " min: " + String.join(" ", args));
        }
        return new Result(String.join(" ", args), process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Result(String args, int code, String out, String err) {
        @Override
        public String toString() {
            return "attnvision " + args + ": exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
