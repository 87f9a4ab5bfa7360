package dev.attnvision.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attnvision.core.image.Encoding;
import dev.attnvision.core.image.ImageCodec;
import dev.attnvision.core.image.ImageFormat;
import dev.attnvision.core.image.Raster;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus through {@code attnvision upscale}: no crash, every good file processed correctly, every
 * bad one reported as "attnvision: PATH: reason", exit code 1.
 */
class BadInputTest {
    private final ImageCodec codec = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS);

    @TempDir Path dir;

    /** Whether file permissions stop this process (they do not for root). */
    private static boolean permissionsApply(Path unreadable) throws Exception {
        try {
            Files.readAllBytes(unreadable);
            return false;
        } catch (AccessDeniedException e) {
            return true;
        }
    }

    @Test
    void goodFilesAreProcessedAndEachBadOneIsReported() throws Exception {
        Path in = dir.resolve("in");
        BadInputCorpus.write(in);
        Path locked = in.resolve("locked.png");
        codec.write(Raster.blank(2, 2, 3), locked, Encoding.of(ImageFormat.PNG));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        boolean lockedFails = permissionsApply(locked);

        CliRun run = CliRun.in(dir, "upscale", "--method", "bicubic", "in", "-o", "out", "-s", "2");

        assertEquals(ExitCodes.SOME_FAILED, run.code(), run.toString());
        for (String[] bad : BadInputCorpus.BAD) {
            assertTrue(run.errLines().stream().anyMatch(l -> l.startsWith("attnvision: in/" + bad[0] + ": " + bad[1])),
                    bad[0] + " reported as '" + bad[1] + "...'\n" + run);
            assertFalse(Files.exists(dir.resolve("out").resolve(bad[0])));
        }
        for (Object[] good : BadInputCorpus.GOOD) {
            Raster out = codec.read(dir.resolve("out").resolve((String) good[0]));
            assertEquals(List.of(2 * (int) good[1], 2 * (int) good[2], good[3], good[4]),
                    List.of(out.width(), out.height(), out.channels(), out.bitDepth()), (String) good[0]);
        }
        Raster cmyk = codec.read(dir.resolve("out/cmyk.jpg"));
        assertTrue(cmyk.get(4, 4, 0) > 200 && cmyk.get(4, 4, 1) < 60 && cmyk.get(4, 4, 2) < 60,
                "the CMYK file came out red in RGB order");
        if (lockedFails) {
            assertTrue(run.errLines().contains("attnvision: in/locked.png: permission denied (check the file's permissions)"), run.toString());
        } else {
            assertTrue(Files.exists(dir.resolve("out/locked.png")), "running as root: permissions do not stop reads");
        }
        int failed = BadInputCorpus.BAD.length + (lockedFails ? 1 : 0);
        int processed = BadInputCorpus.GOOD.length + (lockedFails ? 0 : 1);
        assertTrue(run.errLines().get(run.errLines().size() - 1)
                .startsWith("attnvision: " + processed + " processed, 0 skipped, " + failed + " failed in "), run.toString());
        assertEquals(failed + 1, run.errLines().size(), "one line per failed file plus the summary");
        try (Stream<Path> outputs = Files.walk(dir.resolve("out"))) {
            assertTrue(outputs.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary files left");
        }
    }

    @Test
    void aReadOnlyOutputFolderIsAUsageErrorBeforeAnythingRuns() throws Exception {
        codec.write(Raster.blank(3, 3, 3), dir.resolve("a.png"), Encoding.of(ImageFormat.PNG));
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            boolean writable;
            try {
                Files.delete(Files.createFile(out.resolve("probe")));
                writable = true;
            } catch (AccessDeniedException e) {
                writable = false;
            }
            CliRun run = CliRun.in(dir, "upscale", "--method", "bicubic", "a.png", "-o", "out");
            if (writable) {
                assertEquals(ExitCodes.OK, run.code(), "running as root: permissions do not stop writes\n" + run);
            } else {
                assertEquals(ExitCodes.USAGE, run.code(), run.toString());
                assertTrue(run.err().contains("cannot write to the output folder"), run.toString());
                assertFalse(Files.exists(out.resolve("a.png")));
            }
        } finally {
            Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
