package dev.attnvision.cli;

import dev.attnvision.core.detect.DetectOperation;
import dev.attnvision.core.detect.DetectionSettings;
import dev.attnvision.core.image.ImageCodec;
import dev.attnvision.core.model.ModelArchitecture;
import dev.attnvision.core.model.StoredModel;
import dev.attnvision.core.pipeline.BatchOptions;
import dev.attnvision.core.pipeline.ImageOperation;
import dev.attnvision.core.pipeline.InputFile;
import dev.attnvision.core.pipeline.PeakMemory;
import dev.attnvision.core.pipeline.PipelineBenchmark;
import dev.attnvision.core.pipeline.PipelineBenchmark.Phase;
import dev.attnvision.core.sr.Tiling;
import dev.attnvision.core.sr.UpscaleOperation;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code attnvision bench}: throughput and peak memory of the batch pipeline versus the bare operation. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = {BenchSrCommand.class, BenchDetectCommand.class},
        description = {"Measure the batch pipeline on generated images against the operation alone: bicubic upscaling,",
            "or with --model a real upscaler or detector. Phases, after a short warm-up: the operation alone on",
            "images decoded beforehand (the model's own throughput), a bare read-process-write loop on one thread,",
            "then the pipeline with 1 and with N workers; wall time, images/s, CPU time per image and peak resident",
            "memory (Linux VmHWM, reset between phases) for each, and end-to-end throughput as a share of the",
            "operation's own. Generated files are deleted afterwards unless --keep.",
            "'bench sr' and 'bench detect' time the networks alone at several sizes."},
        footerHeading = "%nExamples:%n",
        footer = {"  attnvision bench --images 100", "  attnvision bench --images 5000 --size 64 -s 2 -j 2",
            "  attnvision bench --images 5000 --dir /tmp/bench --keep && attnvision upscale /tmp/bench/in -o /tmp/big",
            "  attnvision bench --model bccd --images 100 --size 512 -j 1",
            "  attnvision bench --model a2n-x2 --images 50 --size 256",
            "  attnvision bench detect --config harnet --sizes 320,512,640"})
public final class BenchCommand implements Callable<Integer> {
    /** Images run once, unmeasured, so the JIT has compiled the hot paths before the first phase. */
    private static final int WARM_UP = 50;
    /** The same for a network, whose first passes also allocate the engine's buffers. */
    private static final int MODEL_WARM_UP = 3;

    private final CliEnvironment environment;

    @ParentCommand AttnVisionCommand root;

    @Option(names = "--model", paramLabel = "MODEL",
            description = "A real model instead of bicubic: an upscaler (at its own scale) or a detector; name or folder.")
    String model;

    @Option(names = "--images", paramLabel = "N", defaultValue = "100", description = "Images to generate (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--size", paramLabel = "PIXELS", defaultValue = "64", description = "Width and height of each image (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = {"-s", "--scale"}, paramLabel = "N", defaultValue = "2", description = "Upscaling factor (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = {"-j", "--workers"}, paramLabel = "N", description = "Workers for the last phase (default: cores).")
    Integer workers;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to generate (default: a temporary folder).")
    Path dir;

    @Option(names = "--keep", description = "Keep the generated inputs (DIR/in) for timing other tools on them; outputs are deleted.")
    boolean keep;

    public BenchCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        Session session = root.session();
        PrintStream out = session.out();
        int n = workers == null ? session.cores() : workers;
        Path work = dir == null ? Files.createTempDirectory("attnvision-bench") : Files.createDirectories(session.workingDir().resolve(dir));
        PipelineBenchmark bench = new PipelineBenchmark(new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS), session.nanoTime());
        try (ImageOperation operation = operation(session)) {
            List<InputFile> files = bench.generate(work.resolve("in"), images, size, size);
            out.printf(Locale.ROOT, "%d generated %dx%d PNGs, %s, %d cores; RSS now %s%n", images, size, size,
                    describe(operation), session.cores(), mib(PeakMemory.currentKib().orElse(-1)));
            int warmUp = Math.min(model == null ? WARM_UP : MODEL_WARM_UP, files.size());
            bench.bare(files.subList(0, warmUp), operation, work.resolve("bare"));
            Phase alone = bench.modelOnly(files, operation);
            print(out, alone);
            print(out, bench.bare(files, operation, work.resolve("bare")));
            Phase one = bench.pipeline(files, operation, work.resolve("one"), BatchOptions.forWorkers(1, session.cores(), false));
            print(out, one);
            Phase many = bench.pipeline(files, operation, work.resolve("many"), BatchOptions.forWorkers(n, session.cores(), false));
            print(out, many);
            out.printf(Locale.ROOT, "end to end / %s alone: %.0f%% with 1 worker, %.0f%% with %d%n", operation.name(),
                    100 * one.imagesPerSecond() / alone.imagesPerSecond(),
                    100 * many.imagesPerSecond() / alone.imagesPerSecond(), n);
        } finally {
            for (String sub : keep ? List.of("bare", "one", "many") : List.of("")) {
                deleteTree(work.resolve(sub));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Bicubic upscaling by {@code --scale}, or the {@code --model}'s upscaling or detection. */
    private ImageOperation operation(Session session) throws IOException {
        if (model == null) {
            return UpscaleOperation.bicubic(scale);
        }
        StoredModel stored = ModelArgument.resolve(model, session, environment);
        if (ModelArchitecture.DETECTOR.id().equals(stored.manifest().architecture())) {
            return DetectOperation.model(stored, DetectionSettings.defaults(stored.detectorConfig().imageSize()), true);
        }
        return UpscaleOperation.model(stored, Tiling.automatic());
    }

    private String describe(ImageOperation operation) {
        return model == null ? "upscale x" + scale + " (bicubic)" : operation.name() + " with " + model;
    }

    private static void print(PrintStream out, Phase p) {
        out.printf(Locale.ROOT, "%-50s %6.2f s %7.1f images/s %6.2f ms CPU/image  peak RSS %s%n", p.name(),
                p.elapsed().toNanos() / 1e9, p.imagesPerSecond(), p.cpuMsPerImage(), mib(p.peakKib().orElse(-1)));
    }

    private static String mib(long kib) {
        return kib < 0 ? "unknown" : String.format(Locale.ROOT, "%.0f MiB", kib / 1024.0);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
