package dev.attnvision.cli;

import java.io.PrintStream;

/** {@code --quiet}: no progress at all, but error lines are still printed. */
final class QuietProgress implements ProgressDisplay {
    private final PrintStream err;

    QuietProgress(PrintStream err) {
        this.err = err;
    }

    @Override
    public void start(String task, int total) {}

    @Override
    public void step() {}

    @Override
    public void message(String line) {
        err.println(line);
    }

    @Override
    public void close() {
        err.flush();
    }
}
