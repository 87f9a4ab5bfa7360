package dev.attnvision.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attnvision.core.image.Encoding;
import dev.attnvision.core.image.ImageCodec;
import dev.attnvision.core.image.ImageFormat;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.pipeline.ImageResult.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchRunnerTest {
    private final ImageCodec codec = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS);

    @TempDir Path dir;

    /** Inverts images; sleeps longer for earlier inputs so they finish out of order; counts its processors. */
    private static final class Invert implements ImageOperation {
        final AtomicInteger open = new AtomicInteger();
        final AtomicInteger made = new AtomicInteger();
        final Set<Thread> threadsPerProcessor = ConcurrentHashMap.newKeySet();

        @Override
        public String name() {
            return "invert";
        }

        @Override
        public ImageProcessor newProcessor() {
            made.incrementAndGet();
            open.incrementAndGet();
            return new ImageProcessor() {
                Thread owner;

                @Override
                public ProcessedImage process(Raster image) throws Exception {
                    if (owner == null) {
                        owner = Thread.currentThread();
                        threadsPerProcessor.add(owner);
                    }
                    assertEquals(owner, Thread.currentThread(), "a processor stays on its worker thread");
                    Thread.sleep(Math.max(0, 12 - image.width()));
                    float[] out = image.floats().clone();
                    for (int i = 0; i < out.length; i++) {
                        out[i] = 255 - out[i];
                    }
                    return new ProcessedImage(Optional.of(new Raster(image.width(), image.height(), image.channels(),
                            image.bitDepth(), out)), Map.of("pixels", image.width() * image.height()));
                }

                @Override
                public void close() {
                    open.decrementAndGet();
                }
            };
        }

        @Override
        public void close() {}
    }

    private static final class Recorder implements BatchListener {
        final List<ImageResult> results = Collections.synchronizedList(new ArrayList<>());
        int total = -1;

        @Override
        public void started(int total) {
            this.total = total;
        }

        @Override
        public void finished(ImageResult result) {
            results.add(result);
        }
    }

    private CollectedInputs corpus(int good, int badAt) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        List<InputFile> files = new ArrayList<>();
        for (int i = 0; i < good; i++) {
            String name = String.format("img%03d.png", i);
            if (i == badAt) {
                Files.writeString(in.resolve(name), "not an image");
            } else {
                codec.write(Raster.blank(1 + i % 12, 2, 3), in.resolve(name), Encoding.of(ImageFormat.PNG));
            }
            files.add(new InputFile(in.resolve(name), Path.of(name)));
        }
        return new CollectedInputs(files, List.of());
    }

    /**
     * Lets {@code passing} images through to an {@link Invert}, then holds every worker until it is interrupted, so
     * that a run cannot finish however fast or slow the machine is.
     */
    private static final class StallAfter implements ImageOperation {
        private final Invert inner = new Invert();
        private final AtomicInteger started = new AtomicInteger();
        private final int passing;

        StallAfter(int passing) {
            this.passing = passing;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public ImageProcessor newProcessor() {
            ImageProcessor processor = inner.newProcessor();
            return new ImageProcessor() {
                @Override
                public ProcessedImage process(Raster image) throws Exception {
                    if (started.incrementAndGet() > passing) {
                        new CountDownLatch(1).await();
                    }
                    return processor.process(image);
                }

                @Override
                public void close() {
                    processor.close();
                }
            };
        }

        @Override
        public void close() {}
    }

    private BatchSummary run(CollectedInputs inputs, ImageOperation op, ExistingOutput existing, boolean failFast,
            Recorder r)
            throws Exception {
        BatchRunner runner = new BatchRunner(codec, new BatchOptions(2, 3, 2, failFast), System::nanoTime);
        return runner.run(inputs, op, new OutputLayout(dir.resolve("out"), null, 90, "", existing), r);
    }

    @Test
    void reportsInInputOrderWritesEverythingAndGoesOnPastABadFile() throws Exception {
        CollectedInputs inputs = corpus(30, 7);
        Invert op = new Invert();
        Recorder r = new Recorder();
        BatchSummary s = run(inputs, op, ExistingOutput.FAIL, false, r);

        assertEquals(30, r.total);
        assertEquals(inputs.files().stream().map(InputFile::path).toList(), r.results.stream().map(ImageResult::input).toList());
        assertEquals(29, s.processed());
        assertEquals(1, s.failed());
        assertTrue(r.results.get(7).error().startsWith("text file, not an image"), r.results.get(7).error());
        assertEquals(255f, codec.read(dir.resolve("out/img003.png")).get(0, 0, 0));
        assertEquals(List.of(dir.resolve("out/img003.png")), r.results.get(3).outputs());
        assertEquals(3 * 2, r.results.get(2).fields().get("pixels"));
        assertEquals(3, op.made.get());
        assertEquals(0, op.open.get(), "every processor is closed");
        try (var listing = Files.list(dir.resolve("out"))) {
            assertEquals(29, listing.count(), "outputs only, no temporary files");
        }
    }

    @Test
    void existingOutputsFailSkipOrAreReplaced() throws Exception {
        CollectedInputs inputs = corpus(4, -1);
        Files.createDirectories(dir.resolve("out"));
        Files.writeString(dir.resolve("out/img001.png"), "old");

        Recorder failing = new Recorder();
        BatchSummary s = run(inputs, new Invert(), ExistingOutput.FAIL, false, failing);
        assertEquals(1, s.failed());
        assertTrue(failing.results.get(1).error().contains("add --skip-existing to keep it, or --overwrite to replace it"));
        assertEquals("old", Files.readString(dir.resolve("out/img001.png")));

        BatchSummary resumed = run(inputs, new Invert(), ExistingOutput.SKIP, false, new Recorder());
        assertEquals(0, resumed.processed());
        assertEquals(4, resumed.skipped());

        BatchSummary replaced = run(inputs, new Invert(), ExistingOutput.OVERWRITE, false, new Recorder());
        assertEquals(4, replaced.processed());
        assertEquals(2, codec.read(dir.resolve("out/img001.png")).width());
    }

    @Test
    void failFastStopsStartingNewInputs() throws Exception {
        CollectedInputs inputs = corpus(600, 0);
        Recorder r = new Recorder();
        BatchSummary s = run(inputs, new Invert(), ExistingOutput.FAIL, true, r);
        assertEquals(1, s.failed());
        assertTrue(s.notStarted() > 0, s.describe());
        assertEquals(600, s.processed() + s.failed() + s.notStarted());
        assertEquals(s.processed() + s.failed(), r.results.size(), "inputs not started are not reported");
    }

    @Test
    void anInterruptedRunStopsAndLeavesNoTemporaryFiles() throws Exception {
        CollectedInputs inputs = corpus(200, -1);
        Recorder r = new Recorder();
        AtomicInteger reported = new AtomicInteger(-1);
        Thread caller = new Thread(() -> {
            try {
                run(inputs, new StallAfter(30), ExistingOutput.FAIL, false, r);
            } catch (InterruptedException e) {
                reported.set(r.results.size());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        caller.start();
        while (r.results.size() < 20) {
            Thread.sleep(1);
        }
        caller.interrupt();
        caller.join(20_000);
        assertTrue(reported.get() >= 20 && reported.get() <= 30, "stopped part-way, after " + reported.get());
        assertTrue(r.results.stream().allMatch(x -> x.status() == Status.OK), "interruption is not reported as failures");
        try (var listing = Files.list(dir.resolve("out"))) {
            List<Path> left = listing.toList();
            assertTrue(left.stream().noneMatch(p -> p.getFileName().toString().startsWith(".")), left.toString());
            assertTrue(left.size() >= reported.get(), "every reported output is whole and in place");
        }
        // the run has awaited its stages; a pool's worker can still be alive for a moment after its pool reported
        // termination (it leaves its run method after that), so a loaded machine gets a few seconds
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (stageThreadsAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertFalse(stageThreadsAlive(), "stage threads ended");
    }

    private static boolean stageThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("attnvision-invert"));
    }

    @Test
    void collectionFailuresComeFirstAndCount() throws Exception {
        CollectedInputs good = corpus(2, -1);
        CollectedInputs inputs = new CollectedInputs(good.files(), List.of(new InputFailure(dir.resolve("locked"), "cannot look into it: permission denied")));
        Recorder r = new Recorder();
        BatchSummary s = run(inputs, new Invert(), ExistingOutput.FAIL, false, r);
        assertEquals(3, r.total);
        assertEquals(dir.resolve("locked"), r.results.get(0).input());
        assertEquals(Status.FAILED, r.results.get(0).status());
        assertEquals(2, s.processed());
        assertEquals(1, s.failed());
    }

    /** Makes two named images per input: the input and its width as a 1x1 grey image. */
    private static final class TwoParts implements ImageOperation {
        @Override
        public String name() {
            return "split";
        }

        @Override
        public ImageProcessor newProcessor() {
            return new ImageProcessor() {
                @Override
                public ProcessedImage process(Raster image) {
                    Raster width = new Raster(1, 1, 1, 8, new float[] {image.width()});
                    return new ProcessedImage(Optional.empty(), Map.of(),
                            List.of(new ProcessedImage.Part("width", width), new ProcessedImage.Part("copy", image)));
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public void close() {}
    }

    @Test
    void partsAreWrittenListedAndSkippedOnlyWhenAllExist() throws Exception {
        CollectedInputs inputs = corpus(3, -1);
        OutputLayout layout = new OutputLayout(dir.resolve("out"), null, 90, "", ExistingOutput.FAIL)
                .withParts(List.of("copy", "width"));
        BatchRunner runner = new BatchRunner(codec, new BatchOptions(2, 2, 1, false), System::nanoTime);
        Recorder r = new Recorder();
        assertEquals(3, runner.run(inputs, new TwoParts(), layout, r).processed());
        assertEquals(List.of(dir.resolve("out/img002-copy.png"), dir.resolve("out/img002-width.png")),
                r.results.get(2).outputs());
        assertEquals(3f, codec.read(dir.resolve("out/img002-width.png")).get(0, 0, 0));

        Files.delete(dir.resolve("out/img001-width.png"));
        OutputLayout skipping = new OutputLayout(dir.resolve("out"), null, 90, "", ExistingOutput.SKIP)
                .withParts(List.of("copy", "width"));
        BatchSummary resumed = runner.run(inputs, new TwoParts(), skipping, new Recorder());
        assertEquals(1, resumed.processed(), "the input with a missing part is redone");
        assertEquals(2, resumed.skipped());
        assertTrue(Files.exists(dir.resolve("out/img001-width.png")));

        Recorder refused = new Recorder();
        assertEquals(3, runner.run(inputs, new TwoParts(), layout, refused).failed());
        assertTrue(refused.results.get(0).error().startsWith("output exists: " + dir.resolve("out/img000-copy.png")),
                refused.results.get(0).error());
    }

    @Test
    void partsOtherThanTheLayoutsFailTheInput() throws Exception {
        CollectedInputs inputs = corpus(1, -1);
        OutputLayout layout = new OutputLayout(dir.resolve("out"), null, 90, "", ExistingOutput.FAIL)
                .withParts(List.of("copy", "masks"));
        Recorder r = new Recorder();
        BatchRunner runner = new BatchRunner(codec, new BatchOptions(1, 1, 1, false), System::nanoTime);
        assertEquals(1, runner.run(inputs, new TwoParts(), layout, r).failed());
        assertEquals("split made the images [copy, width], expected [copy, masks]", r.results.get(0).error());
    }
}
