package dev.attnvision.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/** Plain-text progress for logs: a line every interval, with rate and ETA. */
final class PeriodicProgress implements ProgressDisplay {
    static final long DEFAULT_INTERVAL_NANOS = 10_000_000_000L;

    private final PrintStream err;
    private final LongSupplier nanoTime;
    private final long interval;
    private String task;
    private int total;
    private int done;
    private long start;
    private long lastLine;

    PeriodicProgress(PrintStream err, LongSupplier nanoTime, long interval) {
        this.err = err;
        this.nanoTime = nanoTime;
        this.interval = interval;
    }

    @Override
    public void start(String task, int total) {
        this.task = task;
        this.total = total;
        start = nanoTime.getAsLong();
        lastLine = start;
    }

    @Override
    public void step() {
        done++;
        long now = nanoTime.getAsLong();
        if (now - lastLine >= interval && done < total) {
            lastLine = now;
            double seconds = (now - start) / 1e9;
            double rate = done / seconds;
            err.printf(Locale.ROOT, "%s: %d/%d (%.0f%%), %.1f images/s, about %s left%n", task, done, total,
                    100.0 * done / total, rate, Durations.human((total - done) / rate));
        }
    }

    @Override
    public void message(String line) {
        err.println(line);
    }

    @Override
    public void close() {
        err.flush();
    }
}
