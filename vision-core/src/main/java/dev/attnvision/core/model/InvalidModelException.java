package dev.attnvision.core.model;

import java.io.IOException;

/**
 * A model file that cannot be used: an unreadable, corrupt or unsafe checkpoint, weights that do not fit the
 * network, or a stored model whose checksum does not match its manifest. The message names the file and says what
 * was wrong and what to do; the command line reports it as a usage error (exit code 2).
 */
public final class InvalidModelException extends IOException {
    private static final long serialVersionUID = 1L;

    public InvalidModelException(String message) {
        super(message);
    }

    public InvalidModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
