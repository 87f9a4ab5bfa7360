package dev.attnvision.core.data;

import java.io.IOException;

/**
 * A dataset description that cannot be used as a whole: a YOLO {@code data.yaml} or a COCO annotation file with a
 * missing or malformed entry, or a split that names no images. The message names the file and what was wrong; the
 * command line reports it as a usage error (exit code 2). (One bad annotation among many is no such error: it is
 * reported with its file and left out.)
 */
public final class InvalidDatasetException extends IOException {
    private static final long serialVersionUID = 1L;

    public InvalidDatasetException(String message) {
        super(message);
    }
}
