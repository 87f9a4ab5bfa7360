package dev.attnvision.core.pipeline;

import dev.attnvision.core.image.Encoding;
import dev.attnvision.core.image.ImageFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Maps inputs to output files below one output folder, mirroring the input tree:
 * {@code DIR/<relative folder>/<stem><suffix>.<ext>}. The extension is the requested format's, or the input's
 * own when it can be written (JPEG stays JPEG), else PNG. A layout {@link #withParts with parts} names several files
 * per input, {@code <stem><suffix>-<part>.<ext>}, PNG unless a format is requested (they are figures with text,
 * which JPEG would blur).
 */
public final class OutputLayout {
    private final Path directory;
    private final ImageFormat format;
    private final int quality;
    private final String suffix;
    private final ExistingOutput existing;
    private final List<String> parts;

    /**
     * @param directory the output folder
     * @param format the output format, or null to follow each input's extension
     * @param quality JPEG/WebP quality, 1 to 100
     * @param suffix appended to each file's stem (may be empty)
     * @param existing what to do with outputs that already exist
     */
    public OutputLayout(Path directory, ImageFormat format, int quality, String suffix, ExistingOutput existing) {
        this(directory, format, quality, suffix, existing, List.of());
    }

    private OutputLayout(Path directory, ImageFormat format, int quality, String suffix, ExistingOutput existing,
            List<String> parts) {
        if (format != null && !format.writable()) {
            throw new IllegalArgumentException("cannot write " + format.displayName() + " files");
        }
        if (suffix.contains("/")) {
            throw new IllegalArgumentException("the suffix must not contain '/', got '" + suffix + "'");
        }
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("quality must be 1 to 100, got " + quality);
        }
        this.directory = directory.toAbsolutePath().normalize();
        this.format = format;
        this.quality = quality;
        this.suffix = suffix;
        this.existing = existing;
        this.parts = List.copyOf(parts);
    }

    /**
     * This layout with several named files per input instead of one.
     *
     * @param parts part names: distinct, non-empty, letters, digits, {@code -} and {@code _} only
     * @throws IllegalArgumentException on an invalid or repeated name
     */
    public OutputLayout withParts(List<String> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a layout with parts needs at least one part name");
        }
        if (new HashSet<>(parts).size() != parts.size()) {
            throw new IllegalArgumentException("output part names must differ, got " + parts);
        }
        for (String part : parts) {
            if (!part.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("invalid output part name '" + part
                        + "': use letters, digits, '-' and '_'");
            }
        }
        return new OutputLayout(directory, format, quality, suffix, existing, parts);
    }

    /** The output folder. */
    public Path directory() {
        return directory;
    }

    /** What to do with outputs that already exist. */
    public ExistingOutput existing() {
        return existing;
    }

    /** Where {@code input}'s output goes and how it is encoded. */
    public OutputTarget targetFor(InputFile input) {
        String name = input.relative().getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot + 1) : "";
        Optional<ImageFormat> own = ImageFormat.fromExtension(extension).filter(ImageFormat::writable);
        ImageFormat chosen = format != null ? format : parts.isEmpty() ? own.orElse(ImageFormat.PNG) : ImageFormat.PNG;
        if (format != null || own.isEmpty() || !parts.isEmpty()) {
            extension = chosen.extension();
        }
        Path parent = input.relative().getParent();
        Path folder = parent == null ? directory : directory.resolve(parent);
        return new OutputTarget(folder.resolve(stem + suffix + "." + extension), new Encoding(chosen, quality), parts);
    }

    /**
     * Checks the plan before anything runs: no output may replace an input, and the output folder must be
     * creatable and writable (it is created).
     *
     * @throws InputSpecException naming the first problem, with what to do
     */
    public void check(List<InputFile> inputs) throws InputSpecException {
        Set<Path> sources = new HashSet<>();
        for (InputFile input : inputs) {
            sources.add(input.path().toAbsolutePath().normalize());
        }
        for (InputFile input : inputs) {
            for (Path out : targetFor(input).files()) {
                if (sources.contains(out)) {
                    throw new InputSpecException("output " + out + " would overwrite the input " + input.path()
                            + "; choose another output folder (-o) or add a --suffix");
                }
            }
        }
        try {
            Files.createDirectories(directory);
            Path probe = Files.createTempFile(directory, ".attnvision-write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new InputSpecException("cannot write to the output folder " + directory + ": "
                    + Reasons.of(e) + " (choose a writable folder with -o)");
        }
    }
}
