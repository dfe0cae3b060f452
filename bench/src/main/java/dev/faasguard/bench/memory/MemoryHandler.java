package dev.faasguard.bench.memory;

/**
 * The function of the memory benchmark, named with {@code -Dfaasguard.handler}: every call of {@link #handle} is an
 * invocation to the agent. It does a little work and finds nothing.
 */
public final class MemoryHandler {

    private long total;

    public String handle(int event) {
        total += event;
        return Long.toString(total);
    }
}
