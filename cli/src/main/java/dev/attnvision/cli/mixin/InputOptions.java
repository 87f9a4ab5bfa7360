package dev.attnvision.cli.mixin;

import dev.attnvision.core.image.ImageFormat;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Which images a batch command reads. */
public final class InputOptions {
    @Parameters(paramLabel = "INPUT", arity = "1..*",
            description = {"Image files, folders, quoted globs ('shots/**/*.jpg'), @LIST files (one path per line),",
                "or - to read paths from standard input (e.g. from find)."})
    List<String> inputs;

    @Option(names = {"-r", "--recursive"}, description = "Also look into sub-folders of INPUT folders.")
    boolean recursive;

    @Option(names = "--ext", split = ",", paramLabel = "EXT",
            description = "Extensions taken from folders and globs, any case (default: ${DEFAULT-VALUE}).")
    List<String> extensions = ImageFormat.readableExtensions();

    /** The input arguments as given. */
    public List<String> inputs() {
        return inputs;
    }

    /** Whether folders are walked into sub-folders. */
    public boolean recursive() {
        return recursive;
    }

    /** The extension filter. */
    public List<String> extensions() {
        return extensions;
    }
}
