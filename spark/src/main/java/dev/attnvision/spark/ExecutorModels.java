package dev.attnvision.spark;

import dev.attnvision.core.pipeline.EngineThreads;
import dev.attnvision.core.pipeline.ImageOperation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operations of one executor JVM: each model is loaded once per JVM, on first use, and shared by the task
 * threads (each of which makes its own processor: DJL predictors are not thread-safe). Keyed by
 * {@link JobOperation#cacheKey()}, so the models' checksums and settings.
 */
final class ExecutorModels {
    private static final Map<String, ImageOperation> OPERATIONS = new ConcurrentHashMap<>();
    private static volatile boolean engineConfigured;

    private ExecutorModels() {}

    /**
     * Before this JVM's PyTorch engine starts: the engine comes from the jar's native library, never downloaded,
     * and uses {@code threads} intra-op threads per operator (a task's CPUs, {@code spark.task.cpus}).
     */
    static synchronized void prepareEngine(int threads) {
        if (engineConfigured) {
            return;
        }
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            EngineThreads.configure(Math.max(1, threads), 1);
        }
        engineConfigured = true;
    }

    /** The operation for {@code operation}, opened on first use in this JVM. */
    static ImageOperation operation(JobOperation operation) {
        return OPERATIONS.computeIfAbsent(operation.cacheKey(), key -> {
            try {
                return operation.open();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load the model of this " + operation.name() + " job: "
                        + e.getMessage(), e);
            }
        });
    }
}
