package dev.attnvision.core.data;

import java.nio.file.Path;
import java.util.List;

/**
 * The ground truth of one image, whatever format it was read from.
 *
 * @param image the image file
 * @param width image width in pixels
 * @param height image height in pixels
 * @param boxes the objects, all with positive area and inside the image
 * @param classNames the dataset's class names, indexed by {@link BoxLabel#classId()}
 */
public record ImageAnnotation(Path image, int width, int height, List<BoxLabel> boxes, List<String> classNames) {
    public ImageAnnotation {
        boxes = List.copyOf(boxes);
        classNames = List.copyOf(classNames);
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height + " for "
                    + image);
        }
        for (BoxLabel box : boxes) {
            if (box.classId() >= classNames.size()) {
                throw new IllegalArgumentException("class id " + box.classId() + " in " + image + " is not one of the "
                        + classNames.size() + " classes " + classNames);
            }
        }
    }
}
