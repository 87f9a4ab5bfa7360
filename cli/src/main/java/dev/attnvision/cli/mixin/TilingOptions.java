package dev.attnvision.cli.mixin;

import dev.attnvision.core.sr.Tiling;
import java.io.PrintStream;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * How a network runs over large images: the tile size in input pixels, the memory for whole-image maps, and the
 * precision of its convolutions.
 */
public final class TilingOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--tile", paramLabel = "N",
            description = {"Run the network on tiles of at most N x N input pixels, so its working memory depends on "
                + "the tile, not the photo; the result is the same (default: automatic, at most "
                + Tiling.AUTO_MAX_TILE + ").",
                "0 runs whole images at once (memory grows with the photo)."})
    Integer tile;

    @Option(names = "--max-memory", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Memory a tiled image's whole-image feature maps may take (8 bytes per input pixel and"
                + " feature channel: 256 for the bundled models), e.g. 2G; larger images keep them in temporary files"
                + " in java.io.tmpdir, with the same result (default: 1G, which holds a 4 MP photo's).")
    Long maxMemory;

    @Mixin PrecisionOption precision;

    /** Whether an option was given. */
    public boolean given() {
        return tile != null || maxMemory != null || precision.precision != null;
    }

    /** Warns on {@code err} when bfloat16 was asked for on a CPU that only emulates it. */
    public void warnIfEmulated(PrintStream err) {
        precision.warnIfEmulated(err);
    }

    /** The tiling asked for; a usage error on bad values. */
    public Tiling tiling() {
        int side = tile == null ? Tiling.AUTO_MAX_TILE : tile;
        try {
            return new Tiling(side, maxMemory == null ? Tiling.AUTO_MAX_MEMORY : maxMemory, precision.precision());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--tile': " + e.getMessage());
        }
    }
}
