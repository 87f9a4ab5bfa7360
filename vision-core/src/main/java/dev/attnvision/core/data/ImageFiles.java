package dev.attnvision.core.data;

import dev.attnvision.core.data.DataIssue.Kind;
import dev.attnvision.core.image.ImageFormat;
import dev.attnvision.core.image.ImageHeader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** The image files of a dataset folder: which files are images, matching annotations to them by stem, their sizes. */
final class ImageFiles {
    private static final List<String> EXTENSIONS = ImageFormat.readableExtensions();

    private ImageFiles() {}

    /** Whether {@code file} has the extension of a readable image format. */
    static boolean isImage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))
                && Files.isRegularFile(file);
    }

    /** The image files directly in {@code folder}, sorted by name. */
    static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(ImageFiles::isImage).sorted().toList();
        }
    }

    /** The file name without its last extension. */
    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The image in {@code folder} named {@code stem} plus an image extension (in any case), if there is one. */
    static Optional<Path> withStem(Path folder, String stem) {
        for (String extension : EXTENSIONS) {
            for (String ext : List.of(extension, extension.toUpperCase(Locale.ROOT))) {
                Path candidate = folder.resolve(stem + "." + ext);
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The annotation of {@code image} with {@code boxes}, its size read from the file's header; an image whose
     * header cannot be read is an {@link Kind#UNREADABLE_IMAGE} issue and empty.
     *
     * @param source the annotation file named in box issues (the image itself when there is none)
     */
    static Optional<ImageAnnotation> annotation(Path image, List<BoxLabel> boxes, List<String> classes,
            BoxSanitizer sanitizer, Path source) {
        ImageHeader header;
        try {
            header = ImageHeader.probe(Files.readAllBytes(image));
        } catch (IOException e) {
            sanitizer.issue(image, Kind.UNREADABLE_IMAGE, e.getMessage() + "; left out");
            return Optional.empty();
        }
        int width = (int) header.width();
        int height = (int) header.height();
        List<BoxLabel> kept = sanitizer.sanitize(boxes, width, height, classes, source, "");
        return Optional.of(new ImageAnnotation(image, width, height, kept, classes));
    }

    /** {@link #annotation(Path, List, List, BoxSanitizer, Path)} with the image as the source. */
    static Optional<ImageAnnotation> annotation(Path image, List<BoxLabel> boxes, List<String> classes,
            BoxSanitizer sanitizer) {
        return annotation(image, boxes, classes, sanitizer, image);
    }
}
