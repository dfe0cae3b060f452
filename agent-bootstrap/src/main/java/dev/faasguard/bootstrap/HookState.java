package dev.faasguard.bootstrap;

/** Per-thread hook state. Only threads that reached a slow path or a scoped operation have one. */
final class HookState {

    /** Above zero while the thread runs agent code: nothing it does is a finding. */
    int agentDepth;

    /**
     * Above zero inside an operation already judged as a whole (File.mkdirs, Files.createDirectories,
     * a FileHandler opening its files): the smaller operations it is made of are not judged again.
     */
    int scopeDepth;

    /**
     * Until when (epoch ms) a timer a client library armed around the running call will abort it, or 0: a call
     * bounded that way before the deadline is no finding, whatever its own socket timeouts say.
     */
    long boundedUntil;

    /** Whether this thread runs an invocation now (the runtime client's thread, or the named handler's caller). */
    boolean runsInvocation;

    /** Whether the running call will be aborted by its client's timer before {@code deadline} (0: no deadline). */
    boolean bounded(long now, long deadline) {
        return boundedUntil > now && (deadline == 0 || boundedUntil <= deadline);
    }

    boolean quiet() {
        return agentDepth > 0 || scopeDepth > 0;
    }
}
