package dev.attnvision.core.pipeline;

import dev.attnvision.core.image.Raster;
import java.util.Map;
import java.util.Optional;

/**
 * What an {@link ImageProcessor} made of one image.
 *
 * @param image the image to write to the output folder, if the operation makes one
 * @param fields operation-specific results for the per-image record (scale, detections...): names to
 *     JSON-serialisable values (numbers, strings, lists, maps, records)
 */
public record ProcessedImage(Optional<Raster> image, Map<String, Object> fields) {
    public ProcessedImage {
        fields = Map.copyOf(fields);
    }
}
