package dev.faasguard.bench.jmh;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An invocation kept open on a thread of its own while a benchmark runs: named with {@code -Dfaasguard.handler}, each
 * call of {@link #hold} is an invocation, and while it is the only one running the agent counts what the benchmark
 * thread does as its (the one-invocation rule of {@code InvocationOwners}), as it would for a worker the handler used.
 */
public final class HeldInvocation {

    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final Thread thread = new Thread(this::hold, "held-invocation");

    /** Starts the invocation and returns once it runs. */
    public static HeldInvocation open() throws InterruptedException {
        HeldInvocation invocation = new HeldInvocation();
        invocation.thread.start();
        invocation.started.await(10, TimeUnit.SECONDS);
        return invocation;
    }

    /** The handler: runs until {@link #close}. */
    public void hold() {
        started.countDown();
        try {
            released.await(1, TimeUnit.HOURS); // Timed, or the agent would report the wait itself.
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }

    public void close() throws InterruptedException {
        released.countDown();
        thread.join(10_000);
    }
}
