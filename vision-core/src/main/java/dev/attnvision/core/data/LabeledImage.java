package dev.attnvision.core.data;

import dev.attnvision.core.image.Raster;
import java.util.List;

/**
 * An image in memory with its objects, the unit that augmentation transforms and the synthetic scene generator
 * produce.
 *
 * @param image the pixels
 * @param boxes the objects in the image's pixel coordinates
 */
public record LabeledImage(Raster image, List<BoxLabel> boxes) {
    public LabeledImage {
        boxes = List.copyOf(boxes);
    }
}
