package io.callscheduler.store.dynamodb;

import io.callscheduler.dependencies.DependencyUnavailableException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Independent DynamoDB requests sent a few at a time: a request's time is mostly waiting for its answer, so a bulk
 * read or write of thousands of items takes a fraction of the time it takes one request after the other.
 */
public final class InParallel {
    /** Requests in flight at once: well within a client's connection pool and a table's on-demand throughput. */
    public static final int REQUESTS = 4;

    private InParallel() {
    }

    /**
     * Runs {@code each} on every part, {@value #REQUESTS} at a time, and returns when all are done.
     *
     * @throws RuntimeException the first failure, once the parts already running have ended; the parts not started by
     *                          then are skipped (a table that is down is not asked hundreds of times more)
     */
    public static <T> void forEach(List<T> parts, Consumer<T> each) {
        if (parts.size() <= 1) {
            parts.forEach(each);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(REQUESTS, parts.size()), runnable -> {
            Thread thread = new Thread(runnable, "dynamodb-bulk");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> running = new ArrayList<>(parts.size());
            AtomicBoolean failed = new AtomicBoolean();
            for (T part : parts) {
                running.add(pool.submit(() -> {
                    if (failed.get()) {
                        return;
                    }
                    try {
                        each.accept(part);
                    } catch (RuntimeException | Error e) {
                        failed.set(true);
                        throw e;
                    }
                }));
            }
            RuntimeException first = null;
            for (Future<?> future : running) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof RuntimeException r ? r
                                : new DependencyUnavailableException("a bulk DynamoDB request failed", e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DependencyUnavailableException("interrupted during a bulk DynamoDB request", e);
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
