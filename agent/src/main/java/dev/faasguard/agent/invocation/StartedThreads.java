package dev.faasguard.agent.invocation;

import dev.faasguard.agent.finding.StackCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The threads each invocation started, and where. A thread is forgotten when it ends ({@code Thread.exit()}, a
 * virtual thread's end), so nothing kept for it outlives it; the weak keys only cover an end no hook saw.
 */
final class StartedThreads {

    record Start(Invocation invocation, StackCapture.Capture where, long startNanos) {

        long ageMillis() {
            return (System.nanoTime() - startNanos) / 1_000_000;
        }
    }

    private final Map<Thread, Start> starts = new WeakHashMap<>();

    synchronized void started(Thread thread, Invocation invocation, StackCapture.Capture where) {
        starts.put(thread, new Start(invocation, where, System.nanoTime()));
    }

    synchronized void ended(Thread thread) {
        starts.remove(thread);
    }

    synchronized Start of(Thread thread) {
        return starts.get(thread);
    }

    /** The threads {@code invocation} started that are still alive. */
    synchronized List<Thread> stillAlive(Invocation invocation) {
        List<Thread> alive = new ArrayList<>();
        for (Map.Entry<Thread, Start> entry : starts.entrySet()) {
            if (entry.getKey().isAlive() && invocation == entry.getValue().invocation()) {
                alive.add(entry.getKey());
            }
        }
        return alive;
    }
}
