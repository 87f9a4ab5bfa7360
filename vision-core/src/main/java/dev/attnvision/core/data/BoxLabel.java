package dev.attnvision.core.data;

/**
 * One annotated object: a box in image pixels (continuous coordinates, {@code x2 - x1} is the width) and its class.
 *
 * @param x1 left edge
 * @param y1 top edge
 * @param x2 right edge, above {@code x1} for a proper box
 * @param y2 bottom edge, above {@code y1} for a proper box
 * @param classId index into the dataset's class names, at least 0
 * @param crowd COCO's {@code iscrowd} (and Pascal VOC's {@code difficult}): the region is neither a miss when no
 *     detection finds it nor a false positive source when detections land on it
 */
public record BoxLabel(float x1, float y1, float x2, float y2, int classId, boolean crowd) {
    public BoxLabel {
        if (classId < 0) {
            throw new IllegalArgumentException("class id must be at least 0, got " + classId);
        }
        if (!Float.isFinite(x1) || !Float.isFinite(y1) || !Float.isFinite(x2) || !Float.isFinite(y2)) {
            throw new IllegalArgumentException("box coordinates must be finite, got " + x1 + ", " + y1 + ", " + x2
                    + ", " + y2);
        }
    }

    /** A non-crowd box. */
    public BoxLabel(float x1, float y1, float x2, float y2, int classId) {
        this(x1, y1, x2, y2, classId, false);
    }

    public float width() {
        return x2 - x1;
    }

    public float height() {
        return y2 - y1;
    }

    /** {@code width * height}, 0 for degenerate boxes. */
    public float area() {
        return Math.max(0f, width()) * Math.max(0f, height());
    }

    /** Intersection over union with {@code other}, 0 when neither has area. */
    public float iou(BoxLabel other) {
        float w = Math.min(x2, other.x2) - Math.max(x1, other.x1);
        float h = Math.min(y2, other.y2) - Math.max(y1, other.y1);
        float inter = Math.max(0f, w) * Math.max(0f, h);
        float union = area() + other.area() - inter;
        return union > 0 ? inter / union : 0f;
    }

    /** The same object with new coordinates. */
    public BoxLabel withBox(float nx1, float ny1, float nx2, float ny2) {
        return new BoxLabel(nx1, ny1, nx2, ny2, classId, crowd);
    }
}
