package dev.attnvision.spark;

import dev.attnvision.core.pipeline.InputSpecException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The images of a job's input arguments, listed by Spark's {@code binaryFile} source (its file index: no content
 * is read here), the CLI's way:
 *
 * <ul>
 *   <li>a folder contributes its images (sub-folders too with {@code recursive}), mirrored below the output folder;
 *   <li>a Hadoop glob ({@code 'shots/*}{@code /*.jpg'}, {@code {a,b}}) is matched below its fixed leading folders,
 *       mirrored from there;
 *   <li>a file is taken as is, whatever its extension; its output goes straight into the output folder;
 *   <li>{@code @LIST} (a text file on any of the file systems) and {@code -} (standard input) name one file per line,
 *       taken as files named directly, without listing them (a file that is missing is a failed row).
 * </ul>
 *
 * Folders and globs keep files whose extension is in the filter, in any case; Spark skips names starting with
 * {@code .} or {@code _}, and the output folder is never an input. Files are sorted by path within each argument; a
 * file reached twice is taken once.
 */
final class InputListing {
    private static final String GLOB_CHARS = "*?[{";

    private InputListing() {}

    /**
     * Lists the inputs.
     *
     * @param stdin where {@code -} reads paths from
     * @param local makes a path given as text usable here (relative ones against the user's folder)
     * @param output the output folder URI, left out of the listing
     * @throws InputSpecException if an argument names nothing, or nothing is found at all
     */
    static List<InputRef> list(SparkSession spark, List<String> arguments, InputStream stdin,
            UnaryOperator<String> local, boolean recursive, Collection<String> extensions, String output)
            throws InputSpecException {
        Set<String> wanted = extensions.stream().map(e -> e.replaceFirst("^\\.", "").toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        Map<String, InputRef> found = new LinkedHashMap<>();
        String excluded = qualified(spark, new Path(output), "the output folder") + "/";
        for (String given : arguments) {
            if (given.equals("-") || (given.startsWith("@") && given.length() > 1)) {
                for (String line : lines(spark, given, stdin, local)) {
                    Path file = new Path(local.apply(line));
                    String uri = qualified(spark, file, "the input");
                    found.putIfAbsent(uri, new InputRef(uri, file.getName()));
                }
                continue;
            }
            String argument = local.apply(given);
            Path path = new Path(argument);
            Argument kind = Argument.of(spark, path);
            List<InputRef> listed = new ArrayList<>();
            // the source's file index, not a scan: a scan would drop empty files, which must become failed rows
            for (String encoded : spark.read().format("binaryFile").option("recursiveFileLookup", "true").load(argument)
                    .inputFiles()) {
                String uri = new Path(URI.create(encoded)).toString(); // the file system's form: no %20
                if (uri.startsWith(excluded)) {
                    continue;
                }
                String relative = kind.base == null ? new Path(uri).getName() : uri.substring(kind.base.length() + 1);
                if (kind.file || (wanted.contains(extension(uri)) && kind.takes(uri, relative, recursive))) {
                    listed.add(new InputRef(uri, relative));
                }
            }
            if (listed.isEmpty() && !kind.file) {
                throw new InputSpecException("no images found in " + argument + " (looking for "
                        + wanted.stream().sorted().map(e -> "." + e).collect(Collectors.joining(" "))
                        + (recursive ? "" : "; add --recursive to look into sub-folders") + ")");
            }
            listed.sort(Comparator.comparing(InputRef::relative));
            listed.forEach(ref -> found.putIfAbsent(ref.uri(), ref));
        }
        return List.copyOf(found.values());
    }

    /** The non-blank lines of standard input ({@code -}) or of the list file {@code @LIST}. */
    private static List<String> lines(SparkSession spark, String argument, InputStream stdin,
            UnaryOperator<String> local) throws InputSpecException {
        String source = argument.equals("-") ? "standard input" : "list file " + argument.substring(1);
        try (InputStream in = argument.equals("-") ? stdin : open(spark, new Path(local.apply(argument.substring(1))))) {
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(line -> !line.isEmpty()).toList();
        } catch (IOException | UncheckedIOException e) {
            throw new InputSpecException("cannot read " + source + ": " + e.getMessage());
        }
    }

    private static InputStream open(SparkSession spark, Path list) throws IOException {
        return HadoopFileSystems.of(list, spark.sparkContext().hadoopConfiguration()).open(list);
    }

    /**
     * What an argument is: a file, or a folder or glob whose files' paths are taken relative to {@code base}. A glob
     * takes the files it matches, and the files in the folders it matches (in their sub-folders with {@code
     * recursive}).
     *
     * @param file whether the argument is one file
     * @param base the folder (or a glob's fixed leading folders) outputs are mirrored from, null for a file
     * @param globFiles the files a glob matched, empty otherwise
     * @param globFolders the folders a glob matched (each ending in '/'), empty otherwise
     * @param glob whether the argument is a glob
     */
    private record Argument(boolean file, String base, Set<String> globFiles, List<String> globFolders, boolean glob) {
        /** Whether a listed file, at {@code relative} below {@code base}, belongs to the argument. */
        boolean takes(String uri, String relative, boolean recursive) {
            if (!glob) {
                return recursive || !relative.contains("/");
            }
            if (globFiles.contains(uri)) {
                return true;
            }
            return globFolders.stream().anyMatch(folder -> uri.startsWith(folder)
                    && (recursive || !uri.substring(folder.length()).contains("/")));
        }

        static Argument of(SparkSession spark, Path path) throws InputSpecException {
            String text = path.toString();
            try {
                FileSystem fs = HadoopFileSystems.of(path, spark.sparkContext().hadoopConfiguration());
                if (text.chars().anyMatch(c -> GLOB_CHARS.indexOf(c) >= 0)) {
                    Path base = path;
                    while (base.getParent() != null && base.toString().chars().anyMatch(c -> GLOB_CHARS.indexOf(c) >= 0)) {
                        base = base.getParent();
                    }
                    FileStatus[] matched = fs.globStatus(path);
                    if (matched == null || matched.length == 0) {
                        throw new InputSpecException("no files match " + text);
                    }
                    Set<String> files = new HashSet<>();
                    List<String> folders = new ArrayList<>();
                    for (FileStatus status : matched) {
                        String uri = fs.makeQualified(status.getPath()).toString();
                        if (status.isDirectory()) {
                            folders.add(uri + "/");
                        } else {
                            files.add(uri);
                        }
                    }
                    return new Argument(false, fs.makeQualified(base).toString(), files, folders, true);
                }
                if (!fs.exists(path)) {
                    throw new InputSpecException("no such file or folder: " + text);
                }
                FileStatus status = fs.getFileStatus(path);
                return status.isDirectory()
                        ? new Argument(false, fs.makeQualified(path).toString(), Set.of(), List.of(), false)
                        : new Argument(true, null, Set.of(), List.of(), false);
            } catch (IOException e) {
                throw new InputSpecException("cannot look at " + text + ": " + e.getMessage());
            }
        }
    }

    /** {@code path} with its file system's scheme and authority; {@code what} names it in the error. */
    private static String qualified(SparkSession spark, Path path, String what) throws InputSpecException {
        try {
            return HadoopFileSystems.of(path, spark.sparkContext().hadoopConfiguration()).makeQualified(path).toString();
        } catch (IOException e) {
            throw new InputSpecException("cannot use " + what + " " + path + ": " + e.getMessage());
        }
    }

    private static String extension(String uri) {
        String name = uri.substring(uri.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }
}
