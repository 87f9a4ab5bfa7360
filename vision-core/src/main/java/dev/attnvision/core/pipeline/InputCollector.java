package dev.attnvision.core.pipeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Expands input arguments into the list of images to process, the way shell users expect:
 *
 * <ul>
 *   <li>a file is taken as is, whatever its extension; its outputs go straight into the output folder;
 *   <li>a folder contributes its images (sub-folders too with {@code recursive}), mirrored below the output folder;
 *   <li>a quoted glob ({@code 'shots/**}{@code /*.jpg'}) is matched below its fixed leading folders, mirrored from there;
 *   <li>{@code @list.txt} names one path per line, {@code -} reads such lines from standard input.
 * </ul>
 *
 * Folders and globs keep only files whose extension is in the filter (case-insensitive) and skip hidden
 * entries (names starting with a dot) and the output folder. Order is deterministic: arguments in the order
 * given, files within a folder or glob sorted by path. A file reached twice is taken once.
 */
public final class InputCollector {
    private static final String GLOB_CHARS = "*?[{";

    private final Path workingDir;
    private final InputStream stdin;
    private final Set<String> extensions;
    private final boolean recursive;
    private final Path excluded;

    /**
     * @param workingDir what relative arguments are relative to
     * @param stdin where {@code -} reads paths from
     * @param extensions extensions to keep in folders and globs, without dots (any case)
     * @param recursive whether folders are walked into sub-folders
     * @param excluded a folder never looked into (the output folder), or null
     */
    public InputCollector(Path workingDir, InputStream stdin, Collection<String> extensions, boolean recursive, Path excluded) {
        this.workingDir = workingDir.toAbsolutePath().normalize();
        this.stdin = stdin;
        this.extensions = extensions.stream().map(e -> e.replaceFirst("^\\.", "").toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.recursive = recursive;
        this.excluded = excluded == null ? null : this.workingDir.resolve(excluded).normalize();
    }

    /** Expands {@code arguments}; fails on the first argument that cannot be used at all. */
    public CollectedInputs collect(List<String> arguments) throws InputSpecException {
        Map<Path, InputFile> files = new LinkedHashMap<>();
        List<InputFailure> failures = new ArrayList<>();
        boolean stdinUsed = false;
        for (String argument : arguments) {
            if (argument.equals("-")) {
                if (stdinUsed) {
                    throw new InputSpecException("'-' (read paths from standard input) is given twice");
                }
                stdinUsed = true;
                addListed(readLines(stdin, "standard input"), "standard input", files, failures);
            } else if (argument.startsWith("@") && argument.length() > 1) {
                Path list = workingDir.resolve(argument.substring(1));
                try (InputStream in = Files.newInputStream(list)) {
                    addListed(readLines(in, "list file " + argument.substring(1)), "list file " + argument.substring(1), files, failures);
                } catch (IOException e) {
                    throw new InputSpecException("cannot read list file " + argument.substring(1) + ": " + Reasons.of(e));
                }
            } else {
                addArgument(argument, files, failures);
            }
        }
        if (files.isEmpty() && failures.isEmpty()) {
            throw new InputSpecException("no images found in " + String.join(" ", arguments) + " (looking for "
                    + extensions.stream().sorted().map(e -> "." + e).collect(Collectors.joining(" "))
                    + (recursive ? "" : "; add --recursive to look into sub-folders") + ")");
        }
        return new CollectedInputs(new ArrayList<>(files.values()), failures);
    }

    private void addListed(List<String> lines, String source, Map<Path, InputFile> files, List<InputFailure> failures)
            throws InputSpecException {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).endsWith("\r") ? lines.get(i).substring(0, lines.get(i).length() - 1) : lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            Path path = workingDir.resolve(line);
            if (!Files.exists(path)) {
                throw new InputSpecException("no such file or folder: " + line + " (line " + (i + 1) + " of " + source + ")");
            }
            addExisting(path, files, failures);
        }
    }

    private void addArgument(String argument, Map<Path, InputFile> files, List<InputFailure> failures)
            throws InputSpecException {
        Path path = workingDir.resolve(argument);
        if (Files.exists(path)) {
            addExisting(path, files, failures);
        } else if (argument.chars().anyMatch(c -> GLOB_CHARS.indexOf(c) >= 0)) {
            addGlob(argument, files, failures);
        } else {
            throw new InputSpecException("no such file or folder: " + argument);
        }
    }

    private void addExisting(Path path, Map<Path, InputFile> files, List<InputFailure> failures) {
        if (Files.isDirectory(path)) {
            walk(path, recursive ? Integer.MAX_VALUE : 1, file -> true, files, failures);
        } else {
            put(files, new InputFile(path, path.getFileName()));
        }
    }

    private void addGlob(String argument, Map<Path, InputFile> files, List<InputFailure> failures)
            throws InputSpecException {
        String[] parts = argument.split("/", -1);
        int first = 0;
        while (parts[first].chars().noneMatch(c -> GLOB_CHARS.indexOf(c) >= 0)) {
            first++;
        }
        String fixed = String.join("/", List.of(parts).subList(0, first));
        Path base = first == 0 ? workingDir : workingDir.resolve(fixed.isEmpty() ? "/" : fixed);
        String pattern = String.join("/", List.of(parts).subList(first, parts.length));
        if (!Files.isDirectory(base)) {
            throw new InputSpecException("no files match " + argument + " (folder " + fixed + " does not exist)");
        }
        List<PathMatcher> matchers = globVariants(pattern).stream()
                .map(p -> FileSystems.getDefault().getPathMatcher("glob:" + p)).toList();
        int depth = pattern.contains("**") ? Integer.MAX_VALUE : parts.length - first;
        int before = files.size();
        walk(base, depth, path -> matchers.stream().anyMatch(m -> m.matches(path)), files, failures);
        if (files.size() == before) {
            throw new InputSpecException("no files match " + argument);
        }
    }

    /**
     * The pattern with each {@code **}{@code /} kept or dropped, so that, as in bash with globstar, it also
     * matches zero folders ({@code **}{@code /*.png} matches {@code a.png}); Java's glob needs at least one.
     */
    private static List<String> globVariants(String pattern) {
        int at = pattern.indexOf("**/");
        if (at < 0) {
            return List.of(pattern);
        }
        List<String> variants = new ArrayList<>();
        for (String rest : globVariants(pattern.substring(at + 3))) {
            variants.add(pattern.substring(0, at + 3) + rest);
            variants.add(pattern.substring(0, at) + rest);
        }
        return variants;
    }

    /** Adds the images below {@code root} whose path relative to it passes {@code filter}, sorted by path. */
    private void walk(Path root, int depth, Predicate<Path> filter, Map<Path, InputFile> files,
            List<InputFailure> failures) {
        List<InputFile> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), depth, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    boolean skip = !dir.equals(root) && (isHidden(dir) || dir.normalize().equals(excluded));
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    Path relative = root.relativize(file);
                    if (!isHidden(file) && Files.isRegularFile(file) && hasWantedExtension(file) && filter.test(relative)) {
                        found.add(new InputFile(file, relative));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    failures.add(new InputFailure(file, "cannot look into it: " + Reasons.of(e)));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            failures.add(new InputFailure(root, "cannot look into it: " + Reasons.of(e)));
        }
        found.sort(Comparator.comparing(f -> f.relative().toString()));
        found.forEach(f -> put(files, f));
    }

    private boolean hasWantedExtension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && extensions.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static boolean isHidden(Path path) {
        return path.getFileName() != null && path.getFileName().toString().startsWith(".");
    }

    private static void put(Map<Path, InputFile> files, InputFile file) {
        files.putIfAbsent(file.path().toAbsolutePath().normalize(), file);
    }

    private static List<String> readLines(InputStream in, String source) throws InputSpecException {
        try {
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
        } catch (UncheckedIOException e) {
            throw new InputSpecException("cannot read " + source + ": " + Reasons.of(e.getCause()));
        }
    }
}
