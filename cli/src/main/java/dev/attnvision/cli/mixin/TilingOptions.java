package dev.attnvision.cli.mixin;

import dev.attnvision.core.sr.Tiling;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How a network runs over large images: the tile size in input pixels and the memory for whole-image maps. */
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

    /** Whether an option was given. */
    public boolean given() {
        return tile != null || maxMemory != null;
    }

    /** The tiling asked for; a usage error on bad values. */
    public Tiling tiling() {
        int side = tile == null ? Tiling.AUTO_MAX_TILE : tile;
        try {
            return maxMemory == null ? new Tiling(side) : new Tiling(side, maxMemory);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--tile': " + e.getMessage());
        }
    }
}
