package dev.attnvision.core.train;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A live progress bar with speed and time left (the progressbar library), for terminals. */
final class TerminalProgress implements ProgressReporter {
    private final ProgressBar bar;

    TerminalProgress(String task, long start, long total, PrintStream out) {
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).startsFrom(start, Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(out))
                .setUpdateIntervalMillis(500).build();
    }

    @Override
    public void update(long done, String status) {
        bar.stepTo(done);
        bar.setExtraMessage(status);
    }

    @Override
    public void close() {
        bar.close();
    }
}
