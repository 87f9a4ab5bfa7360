package dev.attnvision.core.pipeline;

import dev.attnvision.core.image.AtomicFile;
import dev.attnvision.core.image.Encoding;
import dev.attnvision.core.image.ImageCodec;
import dev.attnvision.core.image.ImageFormat;
import dev.attnvision.core.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * Measures the batch pipeline against the bare operation on generated images: the same decode, process, encode
 * and write, once as a plain loop on one thread and once through {@link BatchRunner}, with wall time, process
 * CPU time (all threads, GC and JIT included) and peak resident memory (reset between phases) for each. The CPU
 * time per image of the two is the pipeline's overhead; the wall time shows what its overlap of stages buys.
 */
public final class PipelineBenchmark {
    /**
     * One measured phase.
     *
     * @param name what ran
     * @param images images done
     * @param elapsed wall time
     * @param cpu CPU time of the whole process during the phase
     * @param peakKib peak resident memory during the phase, if known
     */
    public record Phase(String name, int images, Duration elapsed, Duration cpu, OptionalLong peakKib) {
        /** Images per second. */
        public double imagesPerSecond() {
            return images / (elapsed.toNanos() / 1e9);
        }

        /** CPU milliseconds per image. */
        public double cpuMsPerImage() {
            return cpu.toNanos() / 1e6 / images;
        }
    }

    /** Images the model-only phase decodes and cycles through. */
    private static final int DECODED_AHEAD = 8;

    private final ImageCodec codec;
    private final LongSupplier nanoTime;

    public PipelineBenchmark(ImageCodec codec, LongSupplier nanoTime) {
        this.codec = codec;
        this.nanoTime = nanoTime;
    }

    /** Writes {@code count} seeded noise PNGs of {@code width x height} into {@code folder}; returns them in order. */
    public List<InputFile> generate(Path folder, int count, int width, int height) throws IOException {
        Files.createDirectories(folder);
        List<InputFile> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Random random = new Random(i);
            float[] data = new float[width * height * 3];
            for (int k = 0; k < data.length; k++) {
                data[k] = random.nextInt(256);
            }
            String name = String.format("bench-%06d.png", i);
            codec.write(new Raster(width, height, 3, 8, data), folder.resolve(name), Encoding.of(ImageFormat.PNG));
            files.add(new InputFile(folder.resolve(name), Path.of(name)));
        }
        return files;
    }

    /**
     * The operation alone: the first few images decoded beforehand, then only {@code process} timed in a loop on this
     * thread, once per file, cycling through them (the model's own throughput, which the pipeline's end-to-end
     * throughput is compared with; the generated images all have one size, and holding every decoded one would
     * inflate the phase's peak memory).
     */
    public Phase modelOnly(List<InputFile> files, ImageOperation operation) throws Exception {
        List<Raster> images = new ArrayList<>();
        for (InputFile file : files.subList(0, Math.min(files.size(), DECODED_AHEAD))) {
            images.add(codec.read(file.path()));
        }
        PeakMemory.resetPeak();
        Duration cpu0 = processCpu();
        long start = nanoTime.getAsLong();
        try (ImageProcessor processor = operation.newProcessor()) {
            for (int i = 0; i < files.size(); i++) {
                processor.process(images.get(i % images.size()));
            }
        }
        return new Phase(operation.name() + " only (decoded beforehand), 1 thread", files.size(),
                Duration.ofNanos(nanoTime.getAsLong() - start), processCpu().minus(cpu0), PeakMemory.peakKib());
    }

    /** The operation in a plain loop on this thread: read, process, encode, write; no queues, no workers. */
    public Phase bare(List<InputFile> files, ImageOperation operation, Path outFolder) throws Exception {
        Files.createDirectories(outFolder);
        PeakMemory.resetPeak();
        Duration cpu0 = processCpu();
        long start = nanoTime.getAsLong();
        try (ImageProcessor processor = operation.newProcessor()) {
            for (InputFile file : files) {
                Raster image = processor.process(codec.read(file.path())).image().orElseThrow();
                AtomicFile.write(outFolder.resolve(file.relative()), codec.encode(image, Encoding.of(ImageFormat.PNG)));
            }
        }
        return new Phase("bare loop, 1 thread", files.size(), Duration.ofNanos(nanoTime.getAsLong() - start),
                processCpu().minus(cpu0), PeakMemory.peakKib());
    }

    /** The same work through the batch pipeline. */
    public Phase pipeline(List<InputFile> files, ImageOperation operation, Path outFolder, BatchOptions options)
            throws Exception {
        PeakMemory.resetPeak();
        Duration cpu0 = processCpu();
        OutputLayout layout = new OutputLayout(outFolder, ImageFormat.PNG, Encoding.DEFAULT_QUALITY, "", ExistingOutput.OVERWRITE);
        BatchSummary summary = new BatchRunner(codec, options, nanoTime).run(new CollectedInputs(files, List.of()),
                operation, layout, new BatchListener() {
                    @Override
                    public void started(int total) {}

                    @Override
                    public void finished(ImageResult result) {
                        if (result.status() != ImageResult.Status.OK) {
                            throw new IllegalStateException(result.input() + ": " + result.error());
                        }
                    }
                });
        return new Phase("pipeline, " + options.workers() + " worker(s), " + options.decoders() + " decoder(s), "
                + options.encoders() + " encoder(s)", summary.processed(), summary.elapsed(), processCpu().minus(cpu0),
                PeakMemory.peakKib());
    }

    private static Duration processCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }
}
