package dev.faasguard.bench.memory;

import java.util.concurrent.CompletableFuture;

/**
 * A completed future that says it is not done: the agent's hook, which asks {@code isDone()}, takes each
 * {@code get()} on it for a wait with no timeout (a finding), while {@code get()} returns at once.
 */
public final class StubbornFuture extends CompletableFuture<String> {

    public static final StubbornFuture DONE = new StubbornFuture();

    static {
        DONE.complete("done");
    }

    private StubbornFuture() {
    }

    @Override
    public boolean isDone() {
        return false;
    }
}
