package dev.attnvision.core.data;

import java.nio.file.Path;

/**
 * Something wrong with a detection dataset, named with the file it is in. Readers never stop at one: they leave the
 * box, label line or image out (or keep it, clipped or as a background), record the issue and go on, so that
 * {@code data check} can list them all and training runs on what is usable.
 *
 * @param file the annotation, label or image file
 * @param kind what is wrong
 * @param detail the particulars (class, coordinates, parser message)
 */
public record DataIssue(Path file, Kind kind, String detail) {
    /** The kinds of issue; {@link #error()} ones make {@code data check} exit with 1. */
    public enum Kind {
        UNREADABLE_ANNOTATION("unreadable annotation", true),
        MISSING_IMAGE("missing image", true),
        UNREADABLE_IMAGE("unreadable image", true),
        SIZE_MISMATCH("size mismatch", true),
        UNKNOWN_CLASS("unknown class", true),
        DEGENERATE_BOX("degenerate box", true),
        DUPLICATE_BOX("duplicate box", true),
        OUT_OF_IMAGE_BOX("box out of the image", true),
        UNLABELLED_IMAGE("unlabelled image", false);

        private final String label;
        private final boolean error;

        Kind(String label, boolean error) {
            this.label = label;
            this.error = error;
        }

        /** How the kind is named in reports, e.g. {@code "duplicate box"}. */
        public String label() {
            return label;
        }

        /** Whether the dataset has a mistake (rather than something worth knowing, such as an unlabelled image). */
        public boolean error() {
            return error;
        }
    }

    @Override
    public String toString() {
        return file + ": " + kind.label() + ": " + detail;
    }
}
