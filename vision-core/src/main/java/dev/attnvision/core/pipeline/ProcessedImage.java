package dev.attnvision.core.pipeline;

import dev.attnvision.core.image.Raster;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an {@link ImageProcessor} made of one image.
 *
 * @param image the image to write to the output folder, if the operation makes one
 * @param fields operation-specific results for the per-image record (scale, detections...): names to
 *     JSON-serialisable values (numbers, strings, lists, maps, records)
 * @param parts named images written beside the output as {@code <stem>-<name>.<ext>} (figures of an explanation);
 *     their names must be among the {@link OutputLayout#withParts parts} the layout was given
 */
public record ProcessedImage(Optional<Raster> image, Map<String, Object> fields, List<Part> parts) {
    /**
     * One named output image of several.
     *
     * @param name the part's name, as given to {@link OutputLayout#withParts}
     * @param image its pixels
     */
    public record Part(String name, Raster image) {}

    public ProcessedImage {
        fields = Map.copyOf(fields);
        parts = List.copyOf(parts);
    }

    /** A result with at most one output image and no parts. */
    public ProcessedImage(Optional<Raster> image, Map<String, Object> fields) {
        this(image, fields, List.of());
    }

    /** Whether there is anything to write. */
    boolean hasImages() {
        return image.isPresent() || !parts.isEmpty();
    }
}
