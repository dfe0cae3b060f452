package com.example.forkjoin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A handler that builds its report's parts on fork-join pools, several invocations at once: each waits until all
 * run, hands its parts to a pool one way or another, and waits again before it returns, so that every part is
 * made while invocations run side by side, on pool threads no invocation started. Each part leaves a file in the work directory; the invocation that
 * asks for it also joins a thread without a timeout while making it.
 */
public final class ReportBuilder {

    /** Its own pool, created at init. */
    private static final ForkJoinPool POOL = new ForkJoinPool(2);

    private final Path work;
    private final CyclicBarrier together;

    /** At init: its pool's threads and the common pool's are started now, by no invocation. */
    public ReportBuilder(Path work, int invocationsAtOnce) throws InterruptedException {
        this.work = work;
        this.together = new CyclicBarrier(invocationsAtOnce);
        startThreads(POOL);
        startThreads(ForkJoinPool.commonPool());
    }

    /** Every thread of {@code pool} runs at once, for a moment. */
    private static void startThreads(ForkJoinPool pool) throws InterruptedException {
        CountDownLatch allRunning = new CountDownLatch(pool.getParallelism());
        for (int i = 0; i < pool.getParallelism(); i++) {
            pool.execute(() -> {
                allRunning.countDown();
                try {
                    allRunning.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        allRunning.await(5, TimeUnit.SECONDS);
    }

    /**
     * {@code how:name:slow} or {@code how:name:quick}, where {@code how} is {@code supply-async-pool},
     * {@code supply-async} (the common pool), {@code run-async}, {@code submit}, {@code parallel-stream}.
     */
    public String handle(String event) throws Exception {
        String[] parts = event.split(":");
        String name = parts[1];
        boolean slow = parts[2].equals("slow");
        together.await(20, TimeUnit.SECONDS);
        String built = switch (parts[0]) {
            case "supply-async-pool" -> CompletableFuture.supplyAsync(() -> part(name, slow), POOL).join();
            case "supply-async" -> CompletableFuture.supplyAsync(() -> part(name, slow)).join();
            case "run-async" -> {
                CompletableFuture.runAsync(() -> part(name, slow), POOL).join();
                yield name;
            }
            case "submit" -> POOL.submit(() -> part(name, slow)).get();
            case "parallel-stream" -> IntStream.range(0, 8).parallel()
                    .mapToObj(i -> part(name + "-" + i, slow))
                    .collect(Collectors.joining(","));
            default -> throw new IllegalArgumentException(event);
        };
        together.await(20, TimeUnit.SECONDS);
        return built;
    }

    private static void render() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String part(String name, boolean slow) {
        try {
            Files.writeString(work.resolve(name + ".part"), name);
            if (slow) {
                // Still rendering when joined: a join on a thread already done waits for nothing and is no finding.
                Thread renderer = new Thread(ReportBuilder::render);
                renderer.start();
                renderer.join(); // @line join
            }
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
