package dev.attnvision.core.detect;

import dev.attnvision.core.data.BoxLabel;
import dev.attnvision.core.data.DetectionSource;
import dev.attnvision.core.data.LabeledImage;
import dev.attnvision.core.eval.CocoMetrics;
import dev.attnvision.core.eval.MeanAveragePrecision;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * COCO box metrics ({@link MeanAveragePrecision}) of a detector on a {@link DetectionSource}, each image run
 * through an {@link ObjectDetector} (letterbox, inference, averaged heads, decoding into the image's pixels); use
 * {@link DetectionSettings#forEvaluation} for the standard protocol. Classes are matched by name: the model's
 * detections of a class the source lacks are dropped, and a source class the model lacks scores no AP (it stays in
 * the table, counting as missed).
 */
public final class DetectorEvaluation {
    /**
     * The outcome.
     *
     * @param metrics the COCO numbers and per-class AP, by the source's class names
     * @param images images evaluated
     * @param detections detections kept over all images
     * @param missingClasses source classes the model does not know
     */
    public record Report(CocoMetrics metrics, int images, int detections, List<String> missingClasses) {}

    private DetectorEvaluation() {}

    /**
     * Runs {@code detector} on every image of {@code images}.
     *
     * @param progress told the number of images done after each one
     * @throws IOException if an image cannot be loaded
     */
    public static Report evaluate(ObjectDetector detector, DetectionSource images, IntConsumer progress)
            throws IOException {
        List<String> modelClasses = detector.classNames();
        int[] toSource = modelClasses.stream().mapToInt(images.classNames()::indexOf).toArray();
        List<List<BoxLabel>> truth = new ArrayList<>();
        List<List<Detection>> found = new ArrayList<>();
        int kept = 0;
        for (int i = 0; i < images.size(); i++) {
            LabeledImage image = images.load(i);
            List<Detection> mapped = new ArrayList<>();
            for (Detection d : detector.detect(image.image())) {
                int id = toSource[d.classId()];
                if (id >= 0) {
                    mapped.add(new Detection(d.x1(), d.y1(), d.x2(), d.y2(), d.score(), id));
                }
            }
            kept += mapped.size();
            truth.add(image.boxes());
            found.add(mapped);
            progress.accept(i + 1);
        }
        List<String> missing = images.classNames().stream().filter(c -> !modelClasses.contains(c)).toList();
        CocoMetrics metrics = new MeanAveragePrecision(images.classNames()).evaluateBoxes(truth, found);
        return new Report(metrics, found.size(), kept, missing);
    }
}
