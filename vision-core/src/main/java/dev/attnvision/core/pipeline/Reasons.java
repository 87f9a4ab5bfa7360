package dev.attnvision.core.pipeline;

import dev.attnvision.core.image.ImageReadException;
import java.io.FileNotFoundException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Turns a failure into the one-line reason printed after a path: no Java class names where they can be avoided. */
public final class Reasons {
    private Reasons() {}

    /** The one-line reason for {@code t}. */
    public static String of(Throwable t) {
        if (t instanceof ImageReadException) {
            return t.getMessage();
        }
        if (t instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (t instanceof NoSuchFileException || t instanceof FileNotFoundException) {
            return "no such file or folder";
        }
        if (t instanceof NotDirectoryException e) {
            return "not a folder: " + e.getFile();
        }
        if (t instanceof FileAlreadyExistsException e) {
            return "already exists: " + e.getFile();
        }
        if (t instanceof OutOfMemoryError) {
            return "out of memory: the image is too large for the Java heap of "
                    + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB (raise it, e.g. ATTNVISION_JAVA_OPTS=-Xmx16g,"
                    + " or use fewer --workers)";
        }
        String message = t.getMessage() == null ? "" : t.getMessage().lines().findFirst().orElse("").strip();
        return message.isEmpty() ? t.getClass().getSimpleName() : message;
    }
}
