package dev.attnvision.core.pipeline;

import java.time.Duration;
import java.util.Locale;

/**
 * Totals of a run.
 *
 * @param processed inputs done
 * @param skipped inputs whose output existed ({@code --skip-existing})
 * @param failed inputs that failed (each was reported)
 * @param notStarted inputs left alone because the run stopped early ({@code --fail-fast})
 * @param elapsed wall time of the whole run
 */
public record BatchSummary(int processed, int skipped, int failed, int notStarted, Duration elapsed) {

    /** Processed images per second of wall time. */
    public double imagesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? processed / seconds : 0;
    }

    /** One line for humans, e.g. "98 processed, 0 skipped, 2 failed in 3.2 s (30.6 images/s)". */
    public String describe() {
        return String.format(Locale.ROOT, "%d processed, %d skipped, %d failed%s in %.1f s (%.1f images/s)",
                processed, skipped, failed, notStarted > 0 ? ", " + notStarted + " not started (--fail-fast)" : "",
                elapsed.toNanos() / 1e9, imagesPerSecond());
    }
}
