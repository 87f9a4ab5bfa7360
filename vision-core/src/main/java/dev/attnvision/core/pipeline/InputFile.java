package dev.attnvision.core.pipeline;

import java.nio.file.Path;

/**
 * One image to process.
 *
 * @param path where to read it (as given or found, relative to the working folder or absolute)
 * @param relative where its outputs go below the output folder: the path below the folder or glob base it was
 *     found in, or just the file name for files named directly
 */
public record InputFile(Path path, Path relative) {
    public InputFile {
        if (relative.isAbsolute() || relative.getNameCount() == 0) {
            throw new IllegalArgumentException("relative output path must be relative and non-empty, got " + relative);
        }
    }
}
