package dev.attnvision.core.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The twelve COCO bounding-box numbers plus per-class AP. As in pycocotools, a summary that has nothing to average
 * (for example {@code apSmall} when no ground-truth box is small) is {@code -1}; a class without ground truth has
 * per-class AP {@code NaN} and is left out of every mean.
 *
 * @param ap AP averaged over IoU 0.50:0.05:0.95, all areas, 100 detections per image
 * @param ap50 AP at IoU 0.50
 * @param ap75 AP at IoU 0.75
 * @param apSmall AP for areas below 32^2
 * @param apMedium AP for areas from 32^2 to 96^2
 * @param apLarge AP for areas above 96^2
 * @param ar1 recall averaged over IoU thresholds with 1 detection per image (and class)
 * @param ar10 the same with 10
 * @param ar100 the same with 100
 * @param arSmall recall for small areas, 100 detections
 * @param arMedium recall for medium areas, 100 detections
 * @param arLarge recall for large areas, 100 detections
 * @param perClassAp AP at IoU 0.50:0.95 of each class by name, NaN without ground truth
 * @param perClassAp50 AP at IoU 0.50 of each class by name, NaN without ground truth
 */
public record CocoMetrics(double ap, double ap50, double ap75, double apSmall, double apMedium, double apLarge,
        double ar1, double ar10, double ar100, double arSmall, double arMedium, double arLarge,
        Map<String, Double> perClassAp, Map<String, Double> perClassAp50) {
    public CocoMetrics {
        perClassAp = Collections.unmodifiableMap(new LinkedHashMap<>(perClassAp));
        perClassAp50 = Collections.unmodifiableMap(new LinkedHashMap<>(perClassAp50));
    }

    /** A readable table: the twelve numbers, then one line per class. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        String[] names = {"mAP@[.5:.95]", "mAP@.5", "mAP@.75", "mAP small", "mAP medium", "mAP large", "AR@1", "AR@10",
            "AR@100", "AR small", "AR medium", "AR large"};
        double[] values = {ap, ap50, ap75, apSmall, apMedium, apLarge, ar1, ar10, ar100, arSmall, arMedium, arLarge};
        for (int i = 0; i < names.length; i++) {
            out.append(String.format(Locale.ROOT, "%-13s %7.4f%n", names[i], values[i]));
        }
        perClassAp.forEach((name, value) -> out.append(String.format(Locale.ROOT,
                "class %-20s AP %7.4f  AP50 %7.4f%n", name, value, perClassAp50.get(name))));
        return out.toString();
    }
}
