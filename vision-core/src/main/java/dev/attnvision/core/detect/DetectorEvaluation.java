package dev.attnvision.core.detect;

import dev.attnvision.core.data.DetectionDataset;
import dev.attnvision.core.data.ImageAnnotation;
import dev.attnvision.core.eval.CocoMetrics;
import dev.attnvision.core.eval.MeanAveragePrecision;
import dev.attnvision.core.image.ImageCodec;
import dev.attnvision.core.image.Raster;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Scores a detector on an annotated dataset with the COCO protocol ({@link MeanAveragePrecision}). Classes are
 * matched by name: the model's detections of a class the dataset lacks are dropped, and a dataset class the model
 * lacks scores no AP (it stays in the table, counting as missed).
 */
public final class DetectorEvaluation {
    /**
     * The outcome.
     *
     * @param metrics the COCO numbers and per-class AP, by the dataset's class names
     * @param images images evaluated
     * @param detections detections kept over all images
     * @param missingClasses dataset classes the model does not know
     */
    public record Report(CocoMetrics metrics, int images, int detections, List<String> missingClasses) {}

    private DetectorEvaluation() {}

    /**
     * Runs {@code detector} on every image of {@code dataset}.
     *
     * @param progress told the number of images done after each one
     * @throws IOException if an image cannot be read (the message names it)
     */
    public static Report evaluate(ObjectDetector detector, DetectionDataset dataset, ImageCodec codec,
            IntConsumer progress) throws IOException {
        if (dataset.images().isEmpty()) {
            throw new IllegalArgumentException("the dataset has no images to evaluate on");
        }
        List<String> modelClasses = detector.classNames();
        int[] toDataset = modelClasses.stream().mapToInt(dataset.classNames()::indexOf).toArray();
        List<List<Detection>> all = new ArrayList<>();
        int kept = 0;
        for (ImageAnnotation annotation : dataset.images()) {
            Raster image;
            try {
                image = codec.read(annotation.image());
            } catch (IOException e) {
                throw new IOException(annotation.image() + ": " + e.getMessage()
                        + " (fix or remove the image, or its entry in the dataset)", e);
            }
            List<Detection> mapped = new ArrayList<>();
            for (Detection d : detector.detect(image)) {
                int id = toDataset[d.classId()];
                if (id >= 0) {
                    mapped.add(new Detection(d.x1(), d.y1(), d.x2(), d.y2(), d.score(), id));
                }
            }
            kept += mapped.size();
            all.add(mapped);
            progress.accept(all.size());
        }
        List<String> missing = dataset.classNames().stream().filter(c -> !modelClasses.contains(c)).toList();
        CocoMetrics metrics = new MeanAveragePrecision(dataset.classNames()).evaluate(dataset.images(), all);
        return new Report(metrics, all.size(), kept, missing);
    }
}
