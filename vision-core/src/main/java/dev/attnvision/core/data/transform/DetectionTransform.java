package dev.attnvision.core.data.transform;

import dev.attnvision.core.data.LabeledImage;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One augmentation step on an image and its boxes. Randomness comes only from the generator passed in, so a
 * seeded generator makes a pipeline reproducible.
 */
@FunctionalInterface
public interface DetectionTransform {
    /** The transformed sample; the input is left unchanged. */
    LabeledImage apply(LabeledImage sample, RandomGenerator random);

    /** The transforms applied in order. */
    static DetectionTransform chain(List<DetectionTransform> steps) {
        List<DetectionTransform> copy = List.copyOf(steps);
        return (sample, random) -> {
            LabeledImage current = sample;
            for (DetectionTransform step : copy) {
                current = step.apply(current, random);
            }
            return current;
        };
    }
}
