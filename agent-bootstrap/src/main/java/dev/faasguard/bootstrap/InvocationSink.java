package dev.faasguard.bootstrap;

/**
 * What the hooks tell the agent about invocations and what happens during them: their start and end, the threads
 * they start, their deaths and exits, what they write to /tmp, the timeouts they set against their deadline.
 */
public interface InvocationSink {

    /**
     * The platform's runtime client received an invocation on this thread.
     *
     * @param request the client's request object (its id and deadline are read by the agent), or null for a
     *     handler called by another host
     */
    void invocationStarted(Object request);

    /** The handler threw {@code error}; the runtime client is about to report it. */
    void invocationFailed(Throwable error);

    /**
     * SnapStart: init is over and its checkpoint hooks have run; the platform snapshots the process now, and every
     * copy of the environment resumes from here, minutes or days later.
     */
    void snapshotTaking();

    /** SnapStart: this copy of the environment was restored from the snapshot; its restore hooks run next. */
    void restored();

    /** The invocation ended, and its response or error is about to go back to the platform. */
    void invocationEnded(boolean success);

    /**
     * The runtime client asks the platform for its next invocation: the last response has gone back, and the
     * platform may freeze the process until the next one arrives. Work that no caller should wait for runs here.
     */
    void awaitingNextInvocation();

    /** An application thread was started while an invocation runs. */
    void threadStarted(Thread thread);

    /**
     * A thread is ending: a platform thread's {@code Thread.exit()} or a virtual thread's end, each after its uncaught
     * exception, if any, was told. Told for every thread that ends, followed or not, on that thread.
     */
    void threadEnded(Thread thread);

    /** A thread is dying of an uncaught exception; its handler runs right after. */
    void uncaughtException(Thread thread, Throwable error);

    /** {@code System.exit} or {@code Runtime.halt} is about to end the JVM. */
    void runtimeExit(int status, boolean halt);

    /**
     * A file or directory under /tmp is about to be created, written, deleted or moved away while an invocation
     * runs, so that a file it leaves behind can be traced to the line that created it and /tmp's usage be
     * balanced against what the hooks saw.
     *
     * @param removing true when the path is about to go (deleted, or the source of a move)
     * @param notThere true when the hook has just seen that nothing is at the path (the change creates it); false
     *     when it does not know
     */
    void tmpChanging(String path, boolean removing, boolean notThere);

    /** A file under /tmp was just created by a call no earlier hook saw it coming from ({@code File.createTempFile}). */
    void tmpCreated(String path);

    /**
     * A call with a timeout longer than the running invocation (or init) has left.
     *
     * @param resource the socket or connection, judged once per invocation; else null
     */
    void timeoutExceedsDeadline(String operation, long timeoutMillis, long remainingMillis, Object resource);

    /** A task handed to a thread pool by a thread working for an invocation. */
    void taskSubmitted(Object task);

    /** A pool thread is about to run a task: until {@link #taskFinished}, it works for whoever handed it. */
    void taskStarting(Object task);

    /** The pool thread's task is done. */
    void taskFinished();

    /**
     * A {@code ForkJoinTask} is about to run on this thread, maybe inside another one this thread runs (a worker
     * helps while it joins).
     *
     * @return true when it works for an invocation, which this thread works for until {@link #forkJoinTaskDone}
     */
    boolean forkJoinTaskRunning(Object task);

    /** The fork-join task this thread ran for an invocation is done: the thread works for whom it did before. */
    void forkJoinTaskDone();

    /**
     * At init, the runtime client looked the handler up: {@code handler} is what each invocation will call, a
     * stand-in that fails every invocation when the lookup failed.
     */
    void handlerResolved(Object handler, String name, ClassLoader loader);

    /** At init, the handler's class failed to initialize, or lacked a class it needs. */
    void handlerInitFailed(Throwable error, String className);

    /**
     * An application class with a static field that may hold a collection or a map ran its static initializer: its
     * static fields may be read from now on without initializing anything.
     */
    void classInitialized(Class<?> type);

    /** The object the handler named by {@code faasguard.handler} runs on, at each invocation's start. */
    void handlerInstance(Object handler);
}
