package dev.attnvision.core.pipeline;

import dev.attnvision.core.image.ImageFormat;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * How a batch names and encodes its outputs, whatever folder they go to: what {@link OutputLayout} needs besides the
 * folder. It is serialisable, so a Spark job's executors name their outputs exactly as the CLI does.
 *
 * @param format the output format, or null to follow each input's extension
 * @param quality JPEG/WebP quality, 1 to 100
 * @param suffix appended to each file's stem (may be empty)
 * @param existing what to do with outputs that already exist
 */
public record OutputNaming(ImageFormat format, int quality, String suffix, ExistingOutput existing)
        implements Serializable {
    /** The layout of outputs below {@code directory}. */
    public OutputLayout layout(Path directory) {
        return new OutputLayout(directory, format, quality, suffix, existing);
    }
}
