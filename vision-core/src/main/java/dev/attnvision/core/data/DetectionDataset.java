package dev.attnvision.core.data;

import java.util.List;

/**
 * A detection dataset read from disk (Pascal VOC, YOLO or COCO layout).
 *
 * @param classNames class names, indexed by class id
 * @param images the annotated images, in the order of the split list or annotation file
 * @param skipped the degenerate annotations that were left out (each also logged as a warning)
 */
public record DetectionDataset(List<String> classNames, List<ImageAnnotation> images, List<SkippedBox> skipped) {
    public DetectionDataset {
        classNames = List.copyOf(classNames);
        images = List.copyOf(images);
        skipped = List.copyOf(skipped);
    }
}
