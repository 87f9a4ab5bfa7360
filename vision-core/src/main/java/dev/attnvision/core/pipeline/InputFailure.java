package dev.attnvision.core.pipeline;

import java.nio.file.Path;

/**
 * Something found while collecting inputs that could not be looked into (for example an unreadable sub-folder);
 * reported and counted as a failed input, like a bad image.
 *
 * @param path what could not be read
 * @param reason one line: what was wrong
 */
public record InputFailure(Path path, String reason) {}
