package dev.attnvision.core.pipeline;

/**
 * An input argument cannot be used at all (missing path, glob matching nothing, unreadable list file): a usage
 * error reported before anything is processed. The message is one line naming the argument and what to do.
 */
public final class InputSpecException extends Exception {
    private static final long serialVersionUID = 1L;

    public InputSpecException(String message) {
        super(message);
    }
}
