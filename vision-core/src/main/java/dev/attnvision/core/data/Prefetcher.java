package dev.attnvision.core.data;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;

/**
 * Makes items {@code start, start + 1, ...} ahead of use on a fixed pool of worker threads, at most {@code depth}
 * in flight, and hands them out in order. Each item is a pure function of its index, so the sequence does not
 * depend on the number of workers or on thread timing.
 *
 * @param <T> the item type, e.g. a training batch
 */
public final class Prefetcher<T> implements AutoCloseable {
    private final LongFunction<T> make;
    private final ExecutorService workers;
    private final Deque<Future<T>> pending = new ArrayDeque<>();
    private final int depth;
    private long nextToSubmit;

    /** Starts making items from index {@code start} with {@code threads} workers, {@code depth} items ahead. */
    public Prefetcher(LongFunction<T> make, long start, int threads, int depth) {
        if (threads < 1 || depth < 1) {
            throw new IllegalArgumentException("need at least 1 worker and 1 item ahead, got " + threads + " workers, depth "
                    + depth);
        }
        this.make = make;
        this.depth = depth;
        this.nextToSubmit = start;
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "data-worker");
            t.setDaemon(true);
            return t;
        });
        fill();
    }

    /** The next item, waiting for it if needed; a failure while making it is rethrown here. */
    public T next() {
        Future<T> head = pending.removeFirst();
        fill();
        try {
            return head.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for data", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("making a batch failed: " + cause.getMessage(), cause);
        }
    }

    private void fill() {
        while (pending.size() < depth) {
            long index = nextToSubmit++;
            pending.addLast(workers.submit(() -> make.apply(index)));
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
        pending.clear();
    }
}
