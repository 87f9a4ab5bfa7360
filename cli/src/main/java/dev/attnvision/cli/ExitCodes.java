package dev.attnvision.cli;

/** The process exit codes of every attnvision command, fixed in one place. */
public final class ExitCodes {
    /** Everything asked for was done. */
    public static final int OK = 0;
    /** The batch ran to the end, but some inputs failed (each one was reported). */
    public static final int SOME_FAILED = 1;
    /** Usage error: bad option, unknown model, unwritable output; nothing was processed. */
    public static final int USAGE = 2;

    private ExitCodes() {}
}
