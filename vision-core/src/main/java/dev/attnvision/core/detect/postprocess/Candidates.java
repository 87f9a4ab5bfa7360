package dev.attnvision.core.detect.postprocess;

import java.util.Arrays;
import java.util.List;

/**
 * A detector's candidate boxes before suppression, in the original image's pixels: what {@link
 * DetectionDecoder#candidates} returns for one pass and {@link WeightedBoxFusion} merges over several.
 *
 * @param xyxy N boxes (x1, y1, x2, y2), row-major
 * @param scores N scores
 * @param classIds N class ids
 */
public record Candidates(float[] xyxy, float[] scores, long[] classIds) {
    public Candidates {
        if (xyxy.length != 4 * scores.length || classIds.length != scores.length) {
            throw new IllegalArgumentException("need 4 coordinates and a class per score, got " + xyxy.length
                    + " coordinates and " + classIds.length + " classes for " + scores.length + " scores");
        }
    }

    /** The number of candidates. */
    public int size() {
        return scores.length;
    }

    /** These boxes mirrored left to right in an image {@code width} pixels wide (x becomes width - x). */
    public Candidates mirrored(float width) {
        float[] boxes = xyxy.clone();
        for (int i = 0; i < scores.length; i++) {
            boxes[4 * i] = width - xyxy[4 * i + 2];
            boxes[4 * i + 2] = width - xyxy[4 * i];
        }
        return new Candidates(boxes, scores, classIds);
    }

    /** The candidates of several passes, one after another. */
    public static Candidates concatenate(List<Candidates> passes) {
        int n = passes.stream().mapToInt(Candidates::size).sum();
        float[] boxes = new float[4 * n];
        float[] allScores = new float[n];
        long[] classes = new long[n];
        int at = 0;
        for (Candidates pass : passes) {
            System.arraycopy(pass.xyxy, 0, boxes, 4 * at, pass.xyxy.length);
            System.arraycopy(pass.scores, 0, allScores, at, pass.size());
            System.arraycopy(pass.classIds, 0, classes, at, pass.size());
            at += pass.size();
        }
        return new Candidates(boxes, allScores, classes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Candidates c && Arrays.equals(xyxy, c.xyxy) && Arrays.equals(scores, c.scores)
                && Arrays.equals(classIds, c.classIds);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(xyxy) + Arrays.hashCode(scores)) + Arrays.hashCode(classIds);
    }

    @Override
    public String toString() {
        return "Candidates[" + size() + "]";
    }
}
