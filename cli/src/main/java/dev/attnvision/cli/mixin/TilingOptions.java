package dev.attnvision.cli.mixin;

import dev.attnvision.core.sr.Tiling;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How a network runs over large images: tile size and context padding, both in input pixels. */
public final class TilingOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--tile", paramLabel = "N",
            description = {"Run the network on tiles of at most N x N input pixels, so memory depends on the tile, "
                + "not the photo (default: automatic, at most " + Tiling.AUTO_MAX_TILE + ").",
                "0 runs whole images at once (memory grows with the photo)."})
    Integer tile;

    @Option(names = "--tile-pad", paramLabel = "P",
            description = "Context pixels around each tile, discarded after the pass (default: " + Tiling.DEFAULT_PAD + ").")
    Integer pad;

    /** Whether either option was given. */
    public boolean given() {
        return tile != null || pad != null;
    }

    /** The tiling asked for; a usage error on bad values. */
    public Tiling tiling() {
        try {
            return new Tiling(tile == null ? Tiling.AUTO_MAX_TILE : tile, pad == null ? Tiling.DEFAULT_PAD : pad);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '"
                    + (pad != null && pad < 0 ? "--tile-pad" : "--tile") + "': " + e.getMessage());
        }
    }
}
