package dev.attnvision.core.detect.postprocess;

import dev.attnvision.core.detect.Detection;
import java.util.ArrayList;
import java.util.List;

/**
 * Merges the candidates of several passes over one image (test-time augmentation) into one set of detections, by
 * weighted box fusion (Solovyev, Wang and Gabruseva 2021, "Weighted boxes fusion: ensembling boxes from different
 * object detection models"): each object's boxes from all passes are averaged instead of only the best one kept.
 *
 * <p>The objects are what {@link Nms} keeps of all the candidates together. Each kept box {@code k} gathers the
 * cluster of candidates of its class overlapping it by IoU above {@link #CLUSTER_IOU} (WBF's threshold) and
 * becomes their score-weighted mean {@code sum_i s_i b_i / sum_i s_i}, with the kept box's score. WBF would also
 * scale the score down by the share of passes that found the object; measured on BCCD and the kangaroo photos
 * (README) that lowered the mAP of the loosely placed kangaroo boxes by 0.01-0.04, so the score stays.
 */
public final class WeightedBoxFusion {
    /** WBF's cluster threshold: measured against 0.5 and 0.7 (README), equal or better on both data sets. */
    public static final float CLUSTER_IOU = 0.55f;

    private final Nms nms;

    /** @param nms chooses the objects among the candidates */
    public WeightedBoxFusion(Nms nms) {
        this.nms = nms;
    }

    /** The fused detections of {@code candidates} (one image's, from any number of passes), best first. */
    public List<Detection> fuse(Candidates candidates) {
        float[] xyxy = candidates.xyxy();
        float[] scores = candidates.scores();
        long[] classes = candidates.classIds();
        List<Detection> out = new ArrayList<>();
        for (int kept : nms.keep(xyxy, scores, classes)) {
            double[] box = new double[4];
            double weight = 0;
            for (int i = 0; i < scores.length; i++) {
                if (classes[i] == classes[kept] && (i == kept || Nms.iou(xyxy, kept, i) > CLUSTER_IOU)) {
                    for (int c = 0; c < 4; c++) {
                        box[c] += (double) scores[i] * xyxy[4 * i + c];
                    }
                    weight += scores[i];
                }
            }
            // the kept box is in its cluster and scores above NMS's threshold (at least 0), so weight > 0
            out.add(new Detection((float) (box[0] / weight), (float) (box[1] / weight), (float) (box[2] / weight),
                    (float) (box[3] / weight), scores[kept], (int) classes[kept]));
        }
        return out;
    }
}
