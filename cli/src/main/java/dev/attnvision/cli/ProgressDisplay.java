package dev.attnvision.cli;

/**
 * Shows how far a batch is, on stderr: a bar on a terminal, periodic plain lines otherwise, nothing when quiet;
 * error lines go through it so they never garble a bar.
 */
interface ProgressDisplay extends AutoCloseable {
    /** The display suited to the session and options. */
    static ProgressDisplay choose(Session session, boolean quiet) {
        if (quiet) {
            return new QuietProgress(session.err());
        }
        return session.errIsTerminal() ? new TerminalProgress(session.err())
                : new PeriodicProgress(session.err(), session.nanoTime(), PeriodicProgress.DEFAULT_INTERVAL_NANOS);
    }

    void start(String task, int total);

    /** One more input is done. */
    void step();

    /** Prints a line (an error) without garbling the display. */
    void message(String line);

    @Override
    void close();
}
