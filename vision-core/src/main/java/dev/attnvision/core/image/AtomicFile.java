package dev.attnvision.core.image;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers see either nothing (or the old file) or the complete new one: the bytes go to a
 * hidden temporary name in the target's folder ({@code .NAME.RANDOM.part}) which is then renamed over the
 * target in one step. A run killed mid-write leaves no truncated output under the real name.
 */
public final class AtomicFile {
    private static final String TEMP_SUFFIX = ".part";

    private AtomicFile() {}

    /** Writes {@code bytes} to {@code target}, replacing any existing file atomically. */
    public static void write(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = createTemp(dir, target.getFileName().toString());
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE)) {
                out.write(bytes);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Whether {@code file} is a temporary file left by an interrupted {@link #write}. */
    public static boolean isTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(TEMP_SUFFIX);
    }

    private static Path createTemp(Path dir, String name) throws IOException {
        while (true) {
            String random = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
            Path temp = dir.resolve("." + name + "." + random + TEMP_SUFFIX);
            try {
                // default permissions (umask), unlike Files.createTempFile's owner-only ones
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException taken) {
                // another name on the next round
            }
        }
    }
}
