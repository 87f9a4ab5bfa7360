package dev.attnvision.cli;

import ai.djl.ndarray.NDManager;
import dev.attnvision.cli.mixin.PeakOption;
import dev.attnvision.cli.mixin.TilingOptions;
import dev.attnvision.core.sr.A2n;
import dev.attnvision.core.sr.SrBenchmark;
import dev.attnvision.core.sr.SrModelChoice;
import dev.attnvision.core.sr.Tiling;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code attnvision bench sr}: A2N super-resolution speed, whole images and tiled, in GFLOP/s. */
@Command(name = "sr", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time A2N super-resolution on generated square images: whole images (each next to OpenCV",
            "bicubic as a reference), then tiled as 'attnvision upscale' runs them; median of --runs runs after one",
            "warm-up, on the default PyTorch threads, and the peak resident memory (Linux VmHWM) of each size.",
            "GFLOP/s counts 2 x the image's multiply-adds (tile overlap is overhead), each rate also as a share of",
            "the compute ceiling measured first in the same run. As in 'upscale', an image of one tile runs whole.",
            "Without --model, the released shape with random weights (speed does not depend on the weights)."},
        footerHeading = "%nExamples:%n",
        footer = {"  attnvision bench sr", "  attnvision bench sr -s 2 --sizes 128,256 --tiled-sizes 1024,2048",
            "  attnvision bench sr --model a2n-x2 --tile 96 --runs 3"})
public final class BenchSrCommand implements Callable<Integer> {
    private final Session session;
    private final CliEnvironment environment;
    @Spec CommandSpec spec;

    @Option(names = {"-s", "--scale"}, paramLabel = "N", defaultValue = "2", description = "Upscaling factor: 2, 3 or 4 (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--model", paramLabel = "NAME|PATH", description = "A stored A2N model (default: random weights).")
    String model;

    @Option(names = "--sizes", split = ",", paramLabel = "PX", defaultValue = "128,256,512",
            description = "Input sizes run whole (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--tiled-sizes", split = ",", paramLabel = "PX", defaultValue = "1024",
            description = "Input sizes run tiled (default: ${DEFAULT-VALUE}).")
    List<Integer> tiledSizes;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5", description = "Timed runs per size (default: ${DEFAULT-VALUE}).")
    int runs;

    @Mixin PeakOption peak;

    @Mixin TilingOptions tiling;

    public BenchSrCommand(Session session, CliEnvironment environment) {
        this.session = session;
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        if (scale < 2 || scale > 4) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--scale': " + scale
                    + " (2, 3 or 4)");
        }
        if (runs < 1) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--runs': " + runs
                    + " (at least 1)");
        }
        peak.check();
        if (sizes.stream().anyMatch(s -> s < 1) || tiledSizes.stream().anyMatch(s -> s < 1)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for --sizes or --tiled-sizes: sizes are at least 1 px");
        }
        Tiling tiles = tiling.tiling();
        tiling.warnIfEmulated(session.err());
        PrintStream out = session.out();
        try (NDManager manager = NDManager.newBaseManager()) {
            A2n network = network(manager);
            out.printf(Locale.ROOT, "A2N x%d (%s), %s, %d cores, median of %d runs%n", scale,
                    model == null ? "random weights" : model, tiles.precision(), session.cores(), runs);
            out.println(peak.establish(session.nanoTime()));
            out.printf(Locale.ROOT, "%-7s %-44s %9s %12s %9s%s %9s%n", "size", "mode", "median s", "output MP/s",
                    "GFLOP/s", peak.heading(), "peak RSS");
            SrBenchmark bench = new SrBenchmark(network, session.nanoTime());
            for (int size : sizes) {
                print(out, bench.time(size, new Tiling(Tiling.WHOLE_IMAGE).withPrecision(tiles.precision()), runs));
                print(out, bench.bicubic(size, runs));
            }
            for (int size : tiledSizes) {
                print(out, bench.time(size, tiles, runs));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private A2n network(NDManager manager) throws Exception {
        if (model == null) {
            return SrBenchmark.randomA2n(scale, manager);
        }
        return SrModelChoice.requireScale(ModelArgument.resolve(model, session, environment), scale).loadA2n(manager);
    }

    private void print(PrintStream out, SrBenchmark.Result r) {
        boolean network = !Double.isNaN(r.gflops());
        out.printf(Locale.ROOT, "%-7s %-44s %9.3f %12.3f %9s%s %9s%n", r.size() + "px", r.mode(), r.medianSeconds(),
                r.outputMegapixelsPerSecond(), network ? String.format(Locale.ROOT, "%.1f", r.gflops()) : "-",
                peak.share(r.gflops()),
                r.peakKib().isPresent() ? String.format(Locale.ROOT, "%.0f MiB", r.peakKib().getAsLong() / 1024.0)
                        : "unknown");
    }
}
