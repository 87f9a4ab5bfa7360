package dev.attnvision.core.data;

import java.nio.file.Path;

/**
 * An annotation a reader left out, with the file it came from and why.
 *
 * @param file the annotation file (or the image's label file)
 * @param className the object's class
 * @param reason what was wrong, with the coordinates
 */
public record SkippedBox(Path file, String className, String reason) {
    @Override
    public String toString() {
        return file + ": skipped a " + className + " box: " + reason;
    }
}
