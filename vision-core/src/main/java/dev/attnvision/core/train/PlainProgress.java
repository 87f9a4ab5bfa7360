package dev.attnvision.core.train;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Progress as plain lines, at most one per {@code period} plus the last one, for logs and pipes:
 * {@code train 1200/100000 (1.2%) loss 3.2100 | 1.90 s/it, 2d 04h 11m left}. The rate is measured over this
 * session only (a resumed run's earlier units do not count), time left = rate x units left.
 */
final class PlainProgress implements ProgressReporter {
    private final String task;
    private final long start;
    private final long total;
    private final PrintStream out;
    private final Clock clock;
    private final Duration period;
    private final Instant began;
    private Instant lastPrinted;
    private long lastDone = -1;
    private long printedDone = -1;
    private String lastStatus = "";

    PlainProgress(String task, long start, long total, PrintStream out, Clock clock, Duration period) {
        if (total < 1 || start < 0 || start > total) {
            throw new IllegalArgumentException("progress needs 0 <= start <= total, total >= 1; got start " + start
                    + ", total " + total);
        }
        this.task = task;
        this.start = start;
        this.total = total;
        this.out = out;
        this.clock = clock;
        this.period = period;
        this.began = clock.instant();
        this.lastPrinted = began;
    }

    @Override
    public void update(long done, String status) {
        lastDone = done;
        lastStatus = status;
        Instant now = clock.instant();
        if (done >= total || Duration.between(lastPrinted, now).compareTo(period) >= 0) {
            print(now);
        }
    }

    @Override
    public void close() {
        if (lastDone >= 0 && lastDone != printedDone) {
            print(clock.instant());
        }
    }

    private void print(Instant now) {
        lastPrinted = now;
        printedDone = lastDone;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s %d/%d (%.1f%%)", task, lastDone, total,
                100.0 * lastDone / total));
        if (!lastStatus.isEmpty()) {
            line.append(' ').append(lastStatus);
        }
        long units = lastDone - start;
        if (units > 0) {
            double seconds = Duration.between(began, now).toNanos() / 1e9;
            double perUnit = seconds / units;
            line.append(String.format(Locale.ROOT, " | %.2f s/it, %s left", perUnit,
                    describe(Math.round(perUnit * (total - lastDone)))));
        }
        out.println(line);
    }

    /** {@code 2d 04h 11m}, {@code 3h 05m}, {@code 4m 10s} or {@code 12s}. */
    static String describe(long seconds) {
        long d = seconds / 86400;
        long h = seconds % 86400 / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        if (d > 0) {
            return String.format(Locale.ROOT, "%dd %02dh %02dm", d, h, m);
        }
        if (h > 0) {
            return String.format(Locale.ROOT, "%dh %02dm", h, m);
        }
        return m > 0 ? String.format(Locale.ROOT, "%dm %02ds", m, s) : s + "s";
    }
}
