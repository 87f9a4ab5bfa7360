package dev.attnvision.cli.mixin;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How a batch runs and reports. */
public final class RuntimeOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"-j", "--workers"}, paramLabel = "N",
            description = "Images processed at once, each worker with its own predictor (default: depends on the method).")
    Integer workers;

    @Option(names = "--threads", paramLabel = "N",
            description = "PyTorch threads per operation (default: cores / workers).")
    Integer threads;

    @Mixin MaxPixelsOption pixels;

    @Option(names = "--fail-fast", description = "Stop at the first input that fails (by default the run goes on).")
    boolean failFast;

    @Option(names = {"-q", "--quiet"}, description = "No progress and no summary; errors are still printed.")
    boolean quiet;

    @Option(names = "--json", description = "Print one JSON object per image on standard output (JSON Lines).")
    boolean json;

    /** Workers asked for, or {@code fallback}. */
    public int workers(int fallback) {
        int n = workers == null ? fallback : workers;
        if (n < 1) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--workers': " + n + " (at least 1)");
        }
        return n;
    }

    /** Intra-op threads asked for, or {@code fallback}. */
    public int threads(int fallback) {
        int n = threads == null ? fallback : threads;
        if (n < 1) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--threads': " + n + " (at least 1)");
        }
        return n;
    }

    /** The pixel limit. */
    public long maxPixels() {
        return pixels.maxPixels();
    }

    /** Whether to stop at the first failure. */
    public boolean failFast() {
        return failFast;
    }

    /** Whether progress and summary are suppressed. */
    public boolean quiet() {
        return quiet;
    }

    /** Whether per-image JSON goes to standard output. */
    public boolean json() {
        return json;
    }
}
