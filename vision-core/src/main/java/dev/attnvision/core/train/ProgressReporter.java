package dev.attnvision.core.train;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;

/**
 * Reports the progress of a long job of known length, with an estimate of the time left: a live bar on a terminal
 * ({@link TerminalProgress}), plain periodic lines otherwise ({@link PlainProgress}), so logs of shell scripts stay
 * readable.
 */
public interface ProgressReporter extends AutoCloseable {
    /** Records that {@code done} of the total units are complete, with a short status such as the current loss. */
    void update(long done, String status);

    @Override
    void close();

    /** Opens a reporter for a job of {@code total} units of which {@code start} are already done. */
    @FunctionalInterface
    interface Factory {
        ProgressReporter open(long start, long total);
    }

    /**
     * A bar when {@code interactive} (a terminal: {@code System.console() != null}), otherwise lines every
     * {@code period}. {@code start} units were done before this session (a resumed run).
     */
    static ProgressReporter create(String task, long start, long total, boolean interactive, PrintStream out,
            Clock clock, Duration period) {
        return interactive ? new TerminalProgress(task, start, total, out)
                : new PlainProgress(task, start, total, out, clock, period);
    }
}
