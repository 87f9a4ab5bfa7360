package dev.attnvision.core.pipeline;

import dev.attnvision.core.image.Encoding;
import java.nio.file.Path;

/**
 * Where and how one input's output image is written.
 *
 * @param path the output file
 * @param encoding its format and quality
 */
public record OutputTarget(Path path, Encoding encoding) {}
