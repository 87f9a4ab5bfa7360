package dev.attnvision.cli;

import dev.attnvision.cli.mixin.InputOptions;
import dev.attnvision.cli.mixin.OutputOptions;
import dev.attnvision.cli.mixin.RuntimeOptions;
import dev.attnvision.core.image.ImageCodec;
import dev.attnvision.core.pipeline.BatchListener;
import dev.attnvision.core.pipeline.BatchOptions;
import dev.attnvision.core.pipeline.BatchRunner;
import dev.attnvision.core.pipeline.BatchSummary;
import dev.attnvision.core.pipeline.CollectedInputs;
import dev.attnvision.core.pipeline.ImageOperation;
import dev.attnvision.core.pipeline.ImageResult;
import dev.attnvision.core.pipeline.InputCollector;
import dev.attnvision.core.pipeline.InputFile;
import dev.attnvision.core.pipeline.InputSpecException;
import dev.attnvision.core.pipeline.JsonLines;
import dev.attnvision.core.pipeline.OutputLayout;
import dev.attnvision.core.pipeline.ResultFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The part every batch command shares: collect inputs, check the output plan, run the operation with progress,
 * print the summary, turn the outcome into an exit code. Usage problems surface before anything is processed.
 */
final class BatchInvocation {
    /** Longest a Ctrl-C waits for the run to wind down before the JVM exits anyway. */
    private static final long SHUTDOWN_WAIT_SECONDS = 15;

    private final Session session;
    private final InputOptions inputs;
    private final OutputOptions outputs;
    private final RuntimeOptions runtime;

    BatchInvocation(Session session, InputOptions inputs, OutputOptions outputs, RuntimeOptions runtime) {
        this.session = session;
        this.inputs = inputs;
        this.outputs = outputs;
        this.runtime = runtime;
    }

    /**
     * A registered shutdown hook that, on Ctrl-C or SIGTERM, interrupts the run and waits (briefly) until it has
     * wound down, so writes in progress are abandoned cleanly and no temporary files are left.
     */
    private static Thread interruptOnShutdown(Thread runner, CountDownLatch wound) {
        Thread hook = new Thread(() -> {
            runner.interrupt();
            try {
                wound.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "attnvision-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /**
     * Runs {@code operation} (made only once the inputs and outputs are known to be usable) with
     * {@code workers} inference threads.
     *
     * @return {@link ExitCodes#OK}, or {@link ExitCodes#SOME_FAILED} if inputs failed or the run was stopped
     *     because standard output was closed
     * @throws InputSpecException on unusable inputs or output folder (exit 2)
     */
    int run(Callable<ImageOperation> operation, int workers) throws Exception {
        return run(operation, workers, outputs.layout(session.workingDir()), true, null);
    }

    /**
     * Runs an operation that writes several named images per input, {@code <stem>-<part>.<ext>} (see
     * {@link OutputLayout#withParts}), like {@link #run(Callable, int)}.
     */
    int runWithParts(Callable<ImageOperation> operation, int workers, List<String> parts) throws Exception {
        return run(operation, workers, outputs.layout(session.workingDir()).withParts(parts), true, null);
    }

    /** Opens the result files of a run once its inputs are known. */
    @FunctionalInterface
    interface ResultFilesFactory {
        ResultFiles open(Path directory, List<InputFile> inputs) throws IOException;
    }

    /**
     * Like {@link #run(Callable, int)}, writing result files beside (or instead of) the images.
     *
     * @param writeImages whether the operation's images are written
     * @param resultFiles opens the listener writing the result files, closed after the run; null for none
     */
    int run(Callable<ImageOperation> operation, int workers, boolean writeImages, ResultFilesFactory resultFiles)
            throws Exception {
        return run(operation, workers, outputs.layout(session.workingDir()), writeImages, resultFiles);
    }

    private int run(Callable<ImageOperation> operation, int workers, OutputLayout layout, boolean writeImages,
            ResultFilesFactory resultFiles) throws Exception {
        InputCollector collector = new InputCollector(session.workingDir(), session.in(), inputs.extensions(),
                inputs.recursive(), layout.directory());
        CollectedInputs collected = collector.collect(inputs.inputs());
        layout.check(collected.files());

        ImageCodec codec = new ImageCodec(runtime.maxPixels());
        BatchRunner runner = new BatchRunner(codec, BatchOptions.forWorkers(workers, session.cores(), runtime.failFast()),
                session.nanoTime());
        JsonLines json = runtime.json() ? new JsonLines(session.out(), session::show) : null;
        BatchSummary summary;
        CountDownLatch wound = new CountDownLatch(1);
        Thread onCtrlC = interruptOnShutdown(Thread.currentThread(), wound);
        try (ImageOperation op = operation.call();
                ResultFiles files = resultFiles == null ? null : resultFiles.open(layout.directory(), collected.files());
                ProgressDisplay progress = ProgressDisplay.choose(session, runtime.quiet())) {
            BatchListener reporter = new BatchReporter(op.name(), session, progress, json);
            summary = runner.run(collected, op, writeImages ? layout : null, files == null ? reporter
                    : both(files, reporter));
        } catch (UncheckedIOException e) {
            session.err().println("attnvision: stopped: " + e.getCause().getMessage());
            return ExitCodes.SOME_FAILED;
        } catch (InterruptedException e) {
            session.err().println("attnvision: interrupted; the outputs written are complete (run again with --skip-existing to resume)");
            return ExitCodes.SOME_FAILED;
        } finally {
            wound.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for the latch released above
            }
        }
        if (!runtime.quiet()) {
            session.err().println("attnvision: " + summary.describe());
        }
        return summary.failed() > 0 ? ExitCodes.SOME_FAILED : ExitCodes.OK;
    }

    /** Tells {@code first}, then {@code second}. */
    private static BatchListener both(BatchListener first, BatchListener second) {
        return new BatchListener() {
            @Override
            public void started(int total) {
                first.started(total);
                second.started(total);
            }

            @Override
            public void finished(ImageResult result) {
                first.finished(result);
                second.finished(result);
            }
        };
    }
}
