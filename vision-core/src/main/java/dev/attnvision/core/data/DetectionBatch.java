package dev.attnvision.core.data;

import java.util.List;

/**
 * A batch of letterboxed detection training images as plain arrays, channels last ({@code NHWC}, RGB, 0..255),
 * ready to be wrapped as an NDArray of shape {@code (size, side, side, 3)} and viewed as {@code NCHW} with
 * {@code transpose(0, 3, 1, 2)}, with each image's boxes in canvas pixels.
 *
 * @param size number of images
 * @param side width and height of the square canvas
 * @param pixels {@code size * side * side * 3} samples
 * @param boxes per image, the objects on its canvas
 */
public record DetectionBatch(int size, int side, float[] pixels, List<List<BoxLabel>> boxes) {
    public DetectionBatch {
        boxes = boxes.stream().map(List::copyOf).toList();
        if (pixels.length != size * side * side * 3 || boxes.size() != size) {
            throw new IllegalArgumentException("batch arrays do not match " + size + " images of " + side + "x" + side
                    + " pixels: " + pixels.length + " samples, " + boxes.size() + " box lists");
        }
    }
}
