package dev.attnvision.core.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the annotations a detector can learn from: boxes partly outside the image are clipped to it; boxes with
 * no area, or none left after clipping, are skipped, logged as a warning naming the file, and collected.
 */
final class BoxSanitizer {
    private static final Logger LOG = LoggerFactory.getLogger(BoxSanitizer.class);

    private final List<SkippedBox> skipped = new ArrayList<>();

    /** The box clipped to a {@code width x height} image, or null (recorded as skipped) if nothing usable is left. */
    BoxLabel clip(BoxLabel box, int width, int height, Path file, String className) {
        String coordinates = String.format(Locale.ROOT, "(%s, %s, %s, %s)", box.x1(), box.y1(), box.x2(), box.y2());
        if (!(box.x2() > box.x1()) || !(box.y2() > box.y1())) {
            return skip(file, className, "zero area (or right/bottom edge before left/top) " + coordinates);
        }
        BoxLabel clipped = box.withBox(Math.max(0, box.x1()), Math.max(0, box.y1()), Math.min(width, box.x2()),
                Math.min(height, box.y2()));
        if (!(clipped.x2() > clipped.x1()) || !(clipped.y2() > clipped.y1())) {
            return skip(file, className, "outside the " + width + "x" + height + " image " + coordinates);
        }
        return clipped;
    }

    /** The boxes skipped so far. */
    List<SkippedBox> skipped() {
        return List.copyOf(skipped);
    }

    private BoxLabel skip(Path file, String className, String reason) {
        SkippedBox entry = new SkippedBox(file, className, reason);
        LOG.warn("{}", entry);
        skipped.add(entry);
        return null;
    }
}
