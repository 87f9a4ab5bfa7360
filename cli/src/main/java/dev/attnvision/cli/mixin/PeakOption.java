package dev.attnvision.cli.mixin;

import dev.attnvision.core.pipeline.ComputeCeiling;
import java.util.Locale;
import java.util.function.LongSupplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The compute ceiling that benchmarks print each rate as a share of: measured at the start of the same run
 * ({@link ComputeCeiling}), or given with {@code --peak}.
 */
public final class PeakOption {
    /** Timed runs of the ceiling's convolution. */
    static final int CEILING_RUNS = 5;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--peak", paramLabel = "GFLOPS",
            description = "The machine's compute ceiling, to print each rate as a share of it (default: measured at "
                + "the start of this run as a large channels-last 1x1 convolution).")
    Double peak;

    private double ceiling = Double.NaN;

    /** A non-positive peak is a usage error. */
    public void check() {
        if (peak != null && !(peak > 0)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--peak': " + peak
                    + " (the machine's peak GFLOP/s, a positive number)");
        }
    }

    /** Measures the ceiling unless {@code --peak} gave it; returns the line that says which it is. */
    public String establish(LongSupplier nanoTime) {
        if (peak != null) {
            ceiling = peak;
            return String.format(Locale.ROOT, "ceiling: %.1f GFLOP/s (--peak)", ceiling);
        }
        ComputeCeiling.Measurement measured = ComputeCeiling.measure(CEILING_RUNS, nanoTime);
        ceiling = measured.gflops();
        return "ceiling: " + measured.describe();
    }

    /** The share column's heading, {@code " % of 190"}. */
    public String heading() {
        return String.format(Locale.ROOT, " %% of %.0f", ceiling);
    }

    /** {@code gflops} as a share of the ceiling in the heading's width ({@code -} for NaN). */
    public String share(double gflops) {
        String value = Double.isNaN(gflops) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * gflops / ceiling);
        return String.format(Locale.ROOT, "%" + heading().length() + "s", value);
    }
}
