package dev.attnvision.core.data;

import java.io.IOException;
import java.util.List;

/**
 * A fixed, indexed set of annotated images for detection training or validation: files on disk
 * ({@link FileDetectionSource}) or scenes drawn on demand ({@code SyntheticDetectionSource}). {@link #load} is a pure
 * function of the index and safe to call from several threads, so batches can be made ahead on workers.
 */
public interface DetectionSource {
    /** Class names, indexed by the boxes' class ids. */
    List<String> classNames();

    /** Number of images. */
    int size();

    /** Image {@code index} (0-based) as RGB with its boxes in its own pixels. */
    LabeledImage load(int index) throws IOException;

    /** What the source is, for logs and model cards (e.g. {@code "205 images of data/voc, split train"}). */
    String description();
}
