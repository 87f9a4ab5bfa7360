package dev.attnvision.spark;

import dev.attnvision.core.pipeline.EngineThreads;
import dev.attnvision.core.pipeline.ImageOperation;
import dev.attnvision.core.pipeline.ImageProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operations of one executor JVM: each model is loaded once per JVM, on first use, and shared by the task
 * threads, each of which has its own processor (DJL predictors are not thread-safe), kept from task to task: Spark
 * runs a partition's tasks on pooled threads, and a new predictor's first images are twice as slow. Keyed by
 * {@link JobOperation#cacheKey()}, so by the models' checksums and settings.
 */
final class ExecutorModels {
    /** One loaded operation and the processors of the threads that used it. */
    private record Loaded(ImageOperation operation, Map<Thread, ImageProcessor> processors) {}

    private static final Map<String, Loaded> LOADED = new ConcurrentHashMap<>();
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

    /** Loads {@code operation}'s models in this JVM unless they are loaded. */
    static void load(JobOperation operation) {
        loaded(operation);
    }

    /**
     * The calling thread's processor for {@code operation}, made on its first task. Processors of threads that have
     * ended are closed here, so an executor's native memory stays bounded by its live task threads.
     */
    static ImageProcessor processor(JobOperation operation) throws Exception {
        Loaded loaded = loaded(operation);
        Thread current = Thread.currentThread();
        ImageProcessor mine = loaded.processors().get(current);
        if (mine == null) {
            loaded.processors().entrySet().removeIf(e -> {
                if (e.getKey().isAlive()) {
                    return false;
                }
                e.getValue().close();
                return true;
            });
            mine = loaded.operation().newProcessor();
            loaded.processors().put(current, mine);
        }
        return mine;
    }

    private static Loaded loaded(JobOperation operation) {
        return LOADED.computeIfAbsent(operation.cacheKey(), key -> {
            try {
                return new Loaded(operation.open(), new ConcurrentHashMap<>());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load the model of this " + operation.name() + " job: "
                        + e.getMessage(), e);
            }
        });
    }
}
