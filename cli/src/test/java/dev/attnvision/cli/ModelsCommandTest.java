package dev.attnvision.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attnvision.core.testing.SharedData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code attnvision models ...} in-process against a temporary ATTNVISION_HOME. */
class ModelsCommandTest {
    private static final Instant NOW = Instant.parse("2026-11-21T01:02:03Z");

    @TempDir Path home;
    @TempDir Path files;

    private record Run(int exitCode, String out, String err) {}

    private Run run(String... args) {
        CliEnvironment environment = new CliEnvironment(home, Clock.fixed(NOW, ZoneOffset.UTC));
        CommandLine cmd = Main.commandLine(environment);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void importsTheOfficialWeightsThenListsInfosAndVerifiesThem() throws IOException {
        Path weights = SharedData.require("weights/a2n-official/aan_x2.pt");
        Run imported = run("models", "import", weights.toString(), "--arch", "a2n", "--scale", "2", "--name", "a2n-x2");
        assertEquals(ExitCodes.OK, imported.exitCode(), imported.err());
        assertTrue(imported.out().contains("Imported aan_x2.pt as a2n-x2 (a2n x2)"), imported.out());
        assertTrue(imported.out().contains("It overrides the bundled a2n-x2"), imported.out());
        assertTrue(Files.isRegularFile(home.resolve("models/a2n-x2/model.params")));

        Run list = run("models", "list");
        assertEquals(ExitCodes.OK, list.exitCode());
        assertTrue(list.out().matches("(?s)NAME +ARCH +TASK +USE +LOCATION\\R+a2n-x2 +a2n +x2 upscaling"
                + " +clean images, renders +[^\\n]*models/a2n-x2\\R"
                + "a2n-x2-photo .*"), list.out());

        Run info = run("models", "info", "a2n-x2");
        assertEquals(ExitCodes.OK, info.exitCode(), info.err());
        assertTrue(info.out().contains("source:        aan_x2.pt, sha256 "), info.out());
        assertTrue(info.out().contains("created:       2026-11-21T01:02:03Z"), info.out());
        assertTrue(info.out().contains("\"features\":40"), info.out());

        Run verify = run("models", "verify", "a2n-x2");
        assertEquals(ExitCodes.OK, verify.exitCode(), verify.err());
        assertTrue(verify.out().startsWith("a2n-x2: OK"), verify.out());

        Run again = run("models", "import", weights.toString(), "--arch", "a2n", "--scale", "2", "--name", "a2n-x2");
        assertEquals(ExitCodes.USAGE, again.exitCode());
        assertTrue(again.err().contains("exists already"), again.err());
    }

    @Test
    void versionListsEveryModelWithItsParameterChecksum() {
        Run version = run("--version");
        assertEquals(ExitCodes.OK, version.exitCode(), version.err());
        assertTrue(version.out().startsWith("attnvision "), version.out());
        assertTrue(version.out().matches(
                "(?s).*\\Rmodels \\(\\d+\\):\\R.*  a2n-x2 +x2 upscaling +[0-9a-f]{12}  \\d{4}-\\d\\d-\\d\\d  classpath:.*"),
                version.out());
    }

    @Test
    void verifyReportsAChangedParameterFile() throws IOException {
        Path weights = SharedData.require("weights/a2n-official/aan_x3.pt");
        assertEquals(ExitCodes.OK, run("models", "import", weights.toString(), "--arch", "a2n", "--scale", "3").exitCode());
        Path params = home.resolve("models/a2n-x3/model.params");
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(params, bytes);
        Run verify = run("models", "verify", "a2n-x3");
        assertEquals(ExitCodes.USAGE, verify.exitCode());
        assertTrue(verify.err().contains(params + " is corrupt or was changed: its SHA-256 is "), verify.err());
        assertFalse(verify.err().contains("\tat "), "a user error printed a stack trace: " + verify.err());
    }

    @Test
    void aMaliciousCheckpointIsRefusedWithExitCode2() throws IOException {
        Path evil = files.resolve("evil.pt");
        Path marker = files.resolve("pwned");
        // pickle protocol 2: os.system("touch <marker>")
        byte[] command = ("touch " + marker).getBytes(StandardCharsets.US_ASCII);
        var bytes = new java.io.ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0x80, 2});
        bytes.write("cos\nsystem\n(X".getBytes(StandardCharsets.US_ASCII));
        bytes.write(new byte[] {(byte) command.length, 0, 0, 0});
        bytes.write(command);
        bytes.write("tR.".getBytes(StandardCharsets.US_ASCII));
        Files.write(evil, bytes.toByteArray());

        Run run = run("models", "import", evil.toString(), "--arch", "a2n", "--scale", "2");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.err().contains("'os.system'") && run.err().contains("nothing was executed"), run.err());
        assertFalse(Files.exists(marker));
        assertFalse(Files.exists(home.resolve("models/a2n-x2")));
    }

    @Test
    void aCorruptCheckpointIsExitCode2() throws IOException {
        Path junk = files.resolve("junk.pt");
        Files.writeString(junk, "this is not a checkpoint");
        Run run = run("models", "import", junk.toString(), "--arch", "a2n", "--scale", "2");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.err().contains("Cannot read checkpoint " + junk), run.err());
    }

    @Test
    void usageErrorsNameTheProblem() {
        Run unknown = run("models", "info", "nope");
        assertEquals(ExitCodes.USAGE, unknown.exitCode());
        assertTrue(unknown.err().contains("unknown model 'nope'; valid names: a2n-x2, a2n-x2-photo, a2n-x2-real, a2n-x3, a2n-x3-photo, a2n-x4, a2n-x4-photo, a2n-x4-real, bccd, shapes"), unknown.err());

        Run badScale = run("models", "import", "x.pt", "--arch", "a2n", "--scale", "5");
        assertEquals(ExitCodes.USAGE, badScale.exitCode());
        assertTrue(badScale.err().contains("A2N upscales by 2, 3 or 4, not 5"), badScale.err());

        Run missing = run("models", "import", "x.pt", "--arch", "a2n", "--scale", "2");
        assertEquals(ExitCodes.USAGE, missing.exitCode());
        assertTrue(missing.err().contains("no such file: x.pt"), missing.err());

        Run badArch = run("models", "import", "x.pt", "--arch", "srcnn", "--scale", "2");
        assertEquals(ExitCodes.USAGE, badArch.exitCode());
        assertTrue(badArch.err().contains("unknown architecture 'srcnn'; known: a2n"), badArch.err());

        Run bundledOnly = run("models", "list");
        assertEquals(ExitCodes.OK, bundledOnly.exitCode());
        assertTrue(bundledOnly.out().matches(
                "(?s)NAME +ARCH +TASK +USE +LOCATION\\R+a2n-x2 +a2n +x2 upscaling +clean images, renders"
                + " +classpath:dev/attnvision/models/a2n-x2\\R"
                + "a2n-x2-photo +a2n +x2 upscaling +photos \\(blur, noise, JPEG\\); default of upscale -s 2 +classpath.*\\R"
                + "a2n-x2-real +a2n +x2 upscaling +badly degraded photos \\(Real-ESRGAN's worst cases\\) .*\\R"
                + "a2n-x3 +a2n +x3 upscaling +clean images, renders .*\\R"
                + "a2n-x3-photo +a2n +x3 upscaling +photos \\(blur, noise, JPEG\\); default of upscale -s 3 +classpath.*\\R"
                + "a2n-x4 +a2n +x4 upscaling .*\\Ra2n-x4-photo +a2n +x4 upscaling .*\\Ra2n-x4-real +a2n +x4 upscaling .*\\R"
                + "bccd +detector +3 classes at 512 px +default of detect +classpath:dev/attnvision/models/bccd\\R"
                + "shapes +detector +6 classes at 320 px +classpath:dev/attnvision/models/shapes\\R"),
                bundledOnly.out());
    }

    @Test
    void homeComesFromTheEnvironmentVariableOrTheUserFolder() {
        Clock clock = Clock.systemUTC();
        assertEquals(Path.of("/data/av"),
                CliEnvironment.of(java.util.Map.of("ATTNVISION_HOME", "/data/av"), Path.of("/home/u"), clock).home());
        assertEquals(Path.of("/home/u/.attnvision"), CliEnvironment.of(java.util.Map.of(), Path.of("/home/u"), clock).home());
    }
}
