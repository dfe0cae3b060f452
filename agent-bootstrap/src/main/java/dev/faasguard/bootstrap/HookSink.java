package dev.faasguard.bootstrap;

/**
 * What the agent plugs into {@link Hooks}. Implemented in the agent's own class loader; called
 * only on the slow path, with the calling thread marked as running agent code.
 */
public interface HookSink {

    /**
     * A file operation that may write outside the writable roots.
     *
     * @param operation one of the {@code Hooks.OP_*} names
     * @param path the path as the application gave it (maybe relative)
     * @param otherPath the second path of a move, copy or rename, else {@code null}
     * @return {@code true} when the operation writes outside the writable roots
     */
    boolean fileWrite(String operation, String path, String otherPath);

    /**
     * A call that may block with no timeout is starting on this thread.
     *
     * @param rule the rule it may break ({@code Hooks.RULE_*})
     * @param operation what the application called, e.g. {@code Thread.join}
     * @param subject what it waits on: a thread name, {@code host:port}, a URL (not yet redacted)
     * @param missing for HTTP, the timeouts that are not set (comma-separated), else null
     * @param resource the socket or connection, for rules that report a resource once; else null
     * @return a positive id to hand to {@link #blockingCallEnded}, or 0 when the call is no finding
     */
    int blockingCallStarted(String rule, String operation, String subject, String missing, Object resource);

    /** The call behind {@code id} returned or threw. */
    void blockingCallEnded(int id);

    /**
     * The platform's runtime client received an invocation on this thread.
     *
     * @param request the client's request object (its id and deadline are read by the agent)
     */
    void invocationStarted(Object request);

    /** The handler threw {@code error}; the runtime client is about to report it. */
    void invocationFailed(Throwable error);

    /** The invocation ended, and its response or error is about to go back to the platform. */
    void invocationEnded(boolean success);

    /** An application thread was started while an invocation runs. */
    void threadStarted(Thread thread);

    /** A thread is dying of an uncaught exception; its handler runs right after. */
    void uncaughtException(Thread thread, Throwable error);

    /** {@code System.exit} or {@code Runtime.halt} is about to end the JVM. */
    void runtimeExit(int status, boolean halt);

    /**
     * A file or directory under /tmp is created or opened for writing while an invocation runs, so
     * that a file it leaves behind can be traced to the line that created it.
     */
    void tmpWritten(String path);

    /**
     * A call with a timeout longer than the running invocation has left.
     *
     * @param resource the socket or connection, judged once; else null
     */
    void timeoutExceedsDeadline(String operation, long timeoutMillis, long remainingMillis, Object resource);

    /** A hook failed; the application carries on. */
    void hookFailed(String hook, Throwable failure);
}
