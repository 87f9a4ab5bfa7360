package dev.attnvision.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.attnvision.cli.mixin.PeakOption;
import dev.attnvision.core.data.synth.ShapeKind;
import dev.attnvision.core.detect.DetectorBenchmark;
import dev.attnvision.core.detect.DetectorConfig;
import dev.attnvision.core.detect.DetectorModelConfig;
import dev.attnvision.core.detect.SingleStageDetector;
import dev.attnvision.core.pipeline.EngineThreads;
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

/** {@code attnvision bench detect}: detector speed, cost and memory at several input sizes. */
@Command(name = "detect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure a detector on one synthetic image per pass at each size: images/s at the median latency,",
            "median and p90 latency (letterbox, forward pass, decoding and NMS at COCO's evaluation thresholds; no file",
            "I/O), GMACs and GFLOPs per image (2 FLOPs per multiply-add, counted from the layer shapes), the",
            "milliseconds per image in convolutions and their GFLOP/s (from PyTorch's profiler over a few more passes),",
            "and peak resident memory. The detector is a trained --model or a --config preset with untrained weights",
            "(same cost)."},
        footerHeading = "%nExamples:%n",
        footer = {"  attnvision bench detect --config harnet --sizes 320,512,640",
            "  attnvision bench detect --model bccd --sizes 512 --peak 190",
            "  attnvision bench detect --model runs/shapes/best --sizes 512 --threads 1 --passes 40"})
public final class BenchDetectCommand implements Callable<Integer> {
    private final Session session;
    private final CliEnvironment environment;
    @Spec CommandSpec spec;

    @Option(names = "--model", paramLabel = "MODEL", description = "A detector model: name or folder.")
    String model;

    @Option(names = "--config", paramLabel = "NAME",
            description = "A preset instead of a model: baseline, se, spatial, harnet or tiny (default: harnet).")
    String config;

    @Option(names = "--sizes", split = ",", defaultValue = "320,512,640", paramLabel = "PX[,PX...]",
            description = "Square input sides (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--passes", defaultValue = "20", paramLabel = "N", description = "Measured passes per size (default: ${DEFAULT-VALUE}).")
    int passes;

    /** The longest warm-up accepted, in seconds. */
    static final int MAX_WARM_UP_SECONDS = 3600;

    @Option(names = "--warmup", defaultValue = "5", paramLabel = "SECONDS",
            description = "Unmeasured passes for this long before each size; the speed takes a few seconds to settle"
                    + " (default: ${DEFAULT-VALUE}).")
    double warmUp;

    @Mixin PeakOption peak;

    @Option(names = "--threads", paramLabel = "N",
            description = "PyTorch threads per operation; takes effect when the engine starts (default: PyTorch's).")
    Integer threads;

    public BenchDetectCommand(Session session, CliEnvironment environment) {
        this.session = session;
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        if (model != null && config != null) {
            throw new ParameterException(spec.commandLine(), "--model and --config exclude each other: give one");
        }
        if (passes < 1) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--passes': " + passes
                    + " (at least 1)");
        }
        if (!(warmUp >= 0 && warmUp <= MAX_WARM_UP_SECONDS)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--warmup': " + warmUp
                    + " (seconds, 0 to " + MAX_WARM_UP_SECONDS + ")");
        }
        peak.check();
        for (int side : sizes) {
            try {
                DetectorModelConfig.checkImageSize(side);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--sizes: " + e.getMessage());
            }
        }
        if (threads != null) {
            EngineThreads.configure(threads, 1);
        }
        PrintStream out = session.out();
        try (NDManager manager = NDManager.newBaseManager()) {
            SingleStageDetector detector;
            String what;
            if (model != null) {
                detector = ModelArgument.resolve(model, session, environment).loadDetector(manager);
                what = "model " + model;
            } else {
                String preset = config == null ? "harnet" : config;
                detector = new SingleStageDetector(DetectorConfig.preset(preset, ShapeKind.classNames()));
                detector.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 64, 64));
                detector.freezeParameters(true);
                what = "config " + preset.toLowerCase(Locale.ROOT) + " (untrained)";
            }
            String threadCount = System.getProperty("ai.djl.pytorch.num_threads", "PyTorch default");
            out.printf(Locale.ROOT, "%s, %d classes; batch 1, %d passes after %.3g s of warm-up; threads %s; %d cores%n",
                    what, detector.config().numClasses(), passes, warmUp, threadCount, session.cores());
            out.println(peak.establish(session.nanoTime()));
            out.printf(Locale.ROOT, "%6s %8s %8s %9s %10s %8s %8s %12s%s %10s%n", "size", "GMACs", "GFLOPs",
                    "images/s", "median ms", "p90 ms", "conv ms", "conv GFLOP/s", peak.heading(), "peak RSS");
            DetectorBenchmark bench = new DetectorBenchmark(detector, session.nanoTime());
            for (int side : sizes) {
                DetectorBenchmark.Result r = bench.run(side, warmUp, passes);
                out.printf(Locale.ROOT, "%6d %8.2f %8.2f %9.2f %10.1f %8.1f %8.1f %12.1f%s %10s%n", r.side(),
                        r.multiplyAdds() / 1e9, r.gflops(), r.imagesPerSecond(), r.medianMs(), r.p90Ms(),
                        r.convolutionMs(), r.convolutionGflopsPerSecond(), peak.share(r.convolutionGflopsPerSecond()),
                        r.peakKib().isPresent() ? String.format(Locale.ROOT, "%.0f MiB", r.peakKib().getAsLong() / 1024.0)
                                : "unknown");
                out.flush();
            }
        }
        return ExitCodes.OK;
    }
}
