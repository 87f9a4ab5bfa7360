package dev.attnvision.core.pipeline;

import dev.attnvision.core.image.Encoding;
import java.nio.file.Path;
import java.util.List;

/**
 * Where and how one input's output is written: one image at {@code path}, or, when the layout has parts, one
 * image per part at {@code <stem>-<part>.<ext>} beside {@code path} (which is then only the name they derive from).
 *
 * @param path the output file, or the base name of the parts' files
 * @param encoding the format and quality of every file
 * @param parts the names of the parts, in the order they are listed; empty for a single image
 */
public record OutputTarget(Path path, Encoding encoding, List<String> parts) {
    public OutputTarget {
        parts = List.copyOf(parts);
    }

    /**
     * The file of one part.
     *
     * @throws IllegalArgumentException if {@code part} is not one of {@link #parts()}
     */
    public Path partPath(String part) {
        if (!parts.contains(part)) {
            throw new IllegalArgumentException("no output part '" + part + "'; this output has " + parts);
        }
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return path.resolveSibling(name.substring(0, dot) + "-" + part + name.substring(dot));
    }

    /** Every file this target stands for: {@code path} alone, or one per part in order. */
    public List<Path> files() {
        return parts.isEmpty() ? List.of(path) : parts.stream().map(this::partPath).toList();
    }
}
