package io.callscheduler.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import java.time.Duration;

/** Generating load: N clients repeating an operation for a while, or N tasks over a pool. */
final class Load {
    private Load() {
    }

    record Run(Stats stats, long count, Duration elapsed) {
        double perSecond() {
            return count / (elapsed.toNanos() / 1e9);
        }
    }

    static Run measure(int clients, Duration duration, IntConsumer operation) throws Exception {
        List<Double> latencies = new CopyOnWriteArrayList<>();
        AtomicLong counter = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                while (!stop.get()) {
                    long t = System.nanoTime();
                    operation.accept((int) counter.incrementAndGet());
                    latencies.add((System.nanoTime() - t) / 1e6);
                }
                return null;
            }));
        }
        Thread.sleep(duration.toMillis()); // the measuring window itself
        stop.set(true);
        for (Future<?> worker : workers) {
            worker.get();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        pool.shutdown();
        return new Run(Stats.of(latencies), latencies.size(), elapsed);
    }

    static void parallel(int n, int threads, IntConsumer task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        IntStream.range(0, n).forEach(i -> futures.add(pool.submit(() -> task.accept(i))));
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
    }

    static java.util.concurrent.ThreadFactory daemonThreads() {
        return task -> {
            Thread thread = new Thread(task);
            thread.setDaemon(true);
            return thread;
        };
    }
}
