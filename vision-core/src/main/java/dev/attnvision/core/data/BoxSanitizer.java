package dev.attnvision.core.data;

import dev.attnvision.core.data.DataIssue.Kind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keeps the annotations a detector can learn from and records the rest as {@link DataIssue}s: a box whose right or
 * bottom edge is not after its left or top one is degenerate (zero area, or corners swapped) and left out; a box
 * reaching more than {@value #TOLERANCE_PX} px beyond the image is clipped to it, or left out when nothing is left;
 * a box of the same class as an earlier one of its image with IoU of at least {@value #DUPLICATE_IOU} is a duplicate
 * and left out.
 */
final class BoxSanitizer {
    /** How far a box may reach past the image without an issue (VOC's 1-based corners reach the edge pixel's end). */
    static final float TOLERANCE_PX = 1f;
    /** The IoU at which a box of the same class counts as the same object drawn twice. */
    static final float DUPLICATE_IOU = 0.95f;

    private final List<DataIssue> issues = new ArrayList<>();

    /**
     * The usable boxes of one image.
     *
     * @param boxes the boxes as written, in the image's pixels
     * @param file the file they were read from, named in the issues
     * @param image what in that file they belong to, e.g. {@code "image a.jpg"} (empty when the file is one image's)
     */
    List<BoxLabel> sanitize(List<BoxLabel> boxes, int width, int height, List<String> classNames, Path file,
            String image) {
        List<BoxLabel> kept = new ArrayList<>();
        for (BoxLabel box : boxes) {
            String what = (image.isEmpty() ? "" : image + ": ") + "a " + classNames.get(box.classId()) + " box "
                    + coordinates(box);
            if (!(box.x2() > box.x1()) || !(box.y2() > box.y1())) {
                issue(file, Kind.DEGENERATE_BOX, what + " has no area (right or bottom edge not after left or top)");
                continue;
            }
            BoxLabel clipped = box.withBox(Math.max(0, box.x1()), Math.max(0, box.y1()), Math.min(width, box.x2()),
                    Math.min(height, box.y2()));
            if (!(clipped.x2() > clipped.x1()) || !(clipped.y2() > clipped.y1())) {
                issue(file, Kind.OUT_OF_IMAGE_BOX, what + " lies outside the " + width + "x" + height
                        + " image; left out");
                continue;
            }
            if (box.x1() < -TOLERANCE_PX || box.y1() < -TOLERANCE_PX || box.x2() > width + TOLERANCE_PX
                    || box.y2() > height + TOLERANCE_PX) {
                issue(file, Kind.OUT_OF_IMAGE_BOX, what + " reaches beyond the " + width + "x" + height
                        + " image; clipped to it");
            }
            if (kept.stream().anyMatch(k -> k.classId() == clipped.classId() && k.iou(clipped) >= DUPLICATE_IOU)) {
                issue(file, Kind.DUPLICATE_BOX, what + " repeats an earlier box of the image; left out");
                continue;
            }
            kept.add(clipped);
        }
        return kept;
    }

    /** Records an issue found while reading. */
    void issue(Path file, Kind kind, String detail) {
        issues.add(new DataIssue(file, kind, detail));
    }

    /** The issues so far, in the order found. */
    List<DataIssue> issues() {
        return List.copyOf(issues);
    }

    private static String coordinates(BoxLabel box) {
        return String.format(Locale.ROOT, "(%s, %s, %s, %s)", trim(box.x1()), trim(box.y1()), trim(box.x2()),
                trim(box.y2()));
    }

    private static String trim(float v) {
        return v == Math.rint(v) && Math.abs(v) < 1e7 ? Integer.toString((int) v) : Float.toString(v);
    }
}
