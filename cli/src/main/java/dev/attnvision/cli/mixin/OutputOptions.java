package dev.attnvision.cli.mixin;

import dev.attnvision.core.image.Encoding;
import dev.attnvision.core.image.ImageFormat;
import dev.attnvision.core.pipeline.ExistingOutput;
import dev.attnvision.core.pipeline.OutputLayout;
import dev.attnvision.core.pipeline.OutputNaming;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where and how a batch command writes images. */
public final class OutputOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Output folder (created if needed); the input folder tree is mirrored below it.")
    String output;

    @Option(names = "--skip-existing", description = "Leave outputs that already exist and count them as skipped (resume a run).")
    boolean skipExisting;

    @Option(names = "--overwrite", description = "Replace outputs that already exist (by default they are an error).")
    boolean overwrite;

    @Option(names = "--format", paramLabel = "FMT", completionCandidates = WritableFormats.class,
            description = "Output format: ${COMPLETION-CANDIDATES} (default: the input's own, PNG for others).")
    String format;

    @Option(names = "--quality", paramLabel = "Q", defaultValue = "" + Encoding.DEFAULT_QUALITY,
            description = "JPEG/WebP quality 1-100 (default: ${DEFAULT-VALUE}).")
    int quality;

    @Option(names = "--suffix", paramLabel = "TEXT", defaultValue = "",
            description = "Added to output file names before the extension, e.g. _x4.")
    String suffix;

    /** The output folder as given, or null if not given (a Spark job takes it as a Hadoop URI). */
    public String output() {
        return output;
    }

    /** The layout below {@code workingDir}-relative {@code -o}; fails with a usage error on bad values. */
    public OutputLayout layout(Path workingDir) {
        if (output == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--output=DIR'");
        }
        return naming().layout(workingDir.resolve(output));
    }

    /** How outputs are named and encoded, wherever they go; fails with a usage error on bad values. */
    public OutputNaming naming() {
        if (skipExisting && overwrite) {
            throw new ParameterException(spec.commandLine(), "--skip-existing and --overwrite cannot be used together");
        }
        if (quality < 1 || quality > 100) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--quality': " + quality
                    + " is not 1 to 100");
        }
        if (suffix.contains("/")) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--suffix': '" + suffix
                    + "' must not contain '/'");
        }
        ExistingOutput existing = skipExisting ? ExistingOutput.SKIP : overwrite ? ExistingOutput.OVERWRITE : ExistingOutput.FAIL;
        return new OutputNaming(outputFormat(), quality, suffix, existing);
    }

    private ImageFormat outputFormat() {
        if (format == null) {
            return null;
        }
        return ImageFormat.fromExtension(format).filter(ImageFormat::writable).orElseThrow(() ->
                new ParameterException(spec.commandLine(), "Invalid value for option '--format': '" + format
                        + "' (expected one of " + String.join(", ", new WritableFormats()) + ")"));
    }
}
