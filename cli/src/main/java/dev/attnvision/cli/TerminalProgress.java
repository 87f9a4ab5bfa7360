package dev.attnvision.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A redrawn progress bar with rate and ETA (me.tongfei progressbar), for a terminal on stderr. */
final class TerminalProgress implements ProgressDisplay {
    private static final String CLEAR_LINE = "\r\033[K";

    private final PrintStream err;
    private ProgressBar bar;

    TerminalProgress(PrintStream err) {
        this.err = err;
    }

    @Override
    public void start(String task, int total) {
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setConsumer(new ConsoleProgressBarConsumer(err)).setUnit(" img", 1).showSpeed()
                .setUpdateIntervalMillis(250).build();
    }

    @Override
    public void step() {
        bar.step();
    }

    @Override
    public void message(String line) {
        synchronized (err) {
            err.print(CLEAR_LINE);
            err.println(line);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
