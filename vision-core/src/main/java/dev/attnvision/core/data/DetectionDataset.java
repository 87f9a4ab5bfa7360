package dev.attnvision.core.data;

import java.util.List;

/**
 * A detection dataset read from disk (Pascal VOC XML, YOLO labels or COCO JSON).
 *
 * @param classNames class names, indexed by class id
 * @param images the usable annotated images, in the order of the split list, annotation file or folder
 * @param issues what was left out, clipped or found unlabelled, each named with its file
 */
public record DetectionDataset(List<String> classNames, List<ImageAnnotation> images, List<DataIssue> issues) {
    public DetectionDataset {
        classNames = List.copyOf(classNames);
        images = List.copyOf(images);
        issues = List.copyOf(issues);
    }

    /** The same classes and issues with only {@code kept} of the images (a split of this dataset). */
    public DetectionDataset withImages(List<ImageAnnotation> kept) {
        return new DetectionDataset(classNames, kept, issues);
    }
}
