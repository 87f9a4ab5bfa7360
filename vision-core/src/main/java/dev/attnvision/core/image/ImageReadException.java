package dev.attnvision.core.image;

import java.io.IOException;

/**
 * A file could not be turned into an image. The message is one line saying what is wrong with the file and,
 * where there is one, what to do about it; it does not repeat the path (callers print "path: reason").
 */
public final class ImageReadException extends IOException {
    private static final long serialVersionUID = 1L;

    public ImageReadException(String reason) {
        super(reason);
    }

    public ImageReadException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
