package dev.attnvision.cli.mixin;

import dev.attnvision.core.data.HoldOutSplit;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --val-fraction}: the share of a dataset without split lists held out for validation ({@link HoldOutSplit}),
 * the same in {@code train detect}, {@code eval detect} and {@code data check} so that they agree on the images.
 */
public final class ValFractionOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--val-fraction", defaultValue = "" + HoldOutSplit.DEFAULT_FRACTION, paramLabel = "F",
            description = "For a dataset without split lists: the share of images held out for validation, chosen by"
                    + " a fixed hash of their names (default: ${DEFAULT-VALUE}; 0 trains on all).")
    double fraction;

    /** The fraction; one outside {@code [0, 1)} is a usage error. */
    public double fraction() {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--val-fraction': " + fraction
                    + " (a share of the images, at least 0 and below 1, e.g. 0.2)");
        }
        return fraction;
    }
}
