package dev.faasguard.bootstrap;

import java.util.ArrayList;
import java.util.List;

/**
 * Fake sinks for in-process hook tests: every call the hooks make is recorded as one line, and the answers (and
 * failures) are set by the test. {@link #install} plugs them in after {@link Hooks#reset()}.
 */
final class RecordingSinks implements FileSink, BlockingSink, InvocationSink, SnapshotSink,
        HookFailures, ExceptionSink {

    final List<String> calls = new ArrayList<>();
    final List<Throwable> failures = new ArrayList<>();
    /** The paths {@link #tmpChanging} was told have nothing at them yet. */
    final List<String> notThere = new ArrayList<>();

    /** What {@link #fileWrite} answers: true means the operation writes outside the writable roots. */
    boolean outside = true;
    /** The id {@link #blockingCallStarted} answers. */
    int blockingId = 7;
    /** What {@link #randomUsed}, {@link #afterRestore} and the connection calls answer: whether anything is still watched. */
    boolean watching = true;
    /** When set, every sink call throws it (the failure sink does not): an exception or an error. */
    Throwable failure;
    /** When set, {@link #hookFailed} throws it too. */
    RuntimeException failureSinkFailure;

    static RecordingSinks install(boolean enforce) {
        return install(WritableRoots.TMP_ONLY, enforce);
    }

    static RecordingSinks install(WritableRoots roots, boolean enforce) {
        Hooks.reset();
        RecordingSinks sinks = new RecordingSinks();
        Hooks.install(new AgentSinks(sinks, sinks, sinks, sinks, sinks, sinks), roots, enforce);
        return sinks;
    }

    /** Sink calls made while the thread was not marked as agent code: the guard must make it 0. */
    int callsNotAsAgent;

    private void record(String call) {
        calls.add(call);
        if (Hooks.state().agentDepth <= 0) {
            callsNotAsAgent++;
        }
        if (failure instanceof RuntimeException exception) {
            throw exception;
        }
        if (failure instanceof Error error) {
            throw error;
        }
    }

    @Override
    public boolean fileWrite(String operation, String path, String otherPath) {
        record("fileWrite " + operation + " " + path + (otherPath == null ? "" : " " + otherPath));
        return outside;
    }

    @Override
    public int blockingCallStarted(String kind, String operation, String subject, String missing, Object resource) {
        record("blockingCallStarted " + kind + " " + operation + " " + subject + " " + missing
                + (resource == null ? "" : " resource"));
        return blockingId;
    }

    @Override
    public void blockingCallEnded(int id) {
        record("blockingCallEnded " + id);
    }

    @Override
    public void invocationStarted(Object request) {
        record("invocationStarted " + request);
    }

    @Override
    public void invocationFailed(Throwable error) {
        record("invocationFailed " + error.getMessage());
    }

    @Override
    public void invocationEnded(boolean success) {
        record("invocationEnded " + success);
    }

    @Override
    public void threadStarted(Thread thread) {
        record("threadStarted " + thread.getName());
    }

    @Override
    public void threadEnded(Thread thread) {
        record("threadEnded " + thread.getName());
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        record("uncaughtException " + thread.getName() + " " + error.getMessage());
    }

    @Override
    public void runtimeExit(int status, boolean halt) {
        record("runtimeExit " + status + " " + halt);
    }

    @Override
    public void tmpChanging(String path, boolean removing, boolean notThere) {
        record((removing ? "tmpRemoving " : "tmpChanging ") + path);
        if (notThere) {
            this.notThere.add(path);
        }
    }

    @Override
    public void awaitingNextInvocation() {
        record("awaitingNextInvocation");
    }

    @Override
    public void tmpCreated(String path) {
        record("tmpCreated " + path);
    }

    @Override
    public void taskSubmitted(Object task) {
        record("taskSubmitted " + task);
    }

    @Override
    public void taskStarting(Object task) {
        record("taskStarting " + task);
    }

    @Override
    public void taskFinished() {
        record("taskFinished");
    }

    @Override
    public void exceptionDropped(Throwable error, String className, String method, String file, int line) {
        record("exceptionDropped " + className + "." + method + ":" + line);
    }

    @Override
    public boolean forkJoinTaskRunning(Object task) {
        record("forkJoinTaskRunning " + task);
        return true;
    }

    @Override
    public void forkJoinTaskDone() {
        record("forkJoinTaskDone");
    }

    @Override
    public void embeddedDatabaseOpening(String url) {
        record("embeddedDatabaseOpening " + url);
    }

    @Override
    public void classInitialized(Class<?> type) {
        record("classInitialized " + type.getName());
    }

    @Override
    public void handlerInstance(Object handler) {
        record("handlerInstance " + handler.getClass().getName());
    }

    @Override
    public void handlerResolved(Object handler, String name, ClassLoader loader) {
        record("handlerResolved " + name);
    }

    @Override
    public void handlerInitFailed(Throwable error, String className) {
        record("handlerInitFailed " + className + " " + error.getMessage());
    }

    @Override
    public void snapshotTaking() {
        record("snapshotTaking");
    }

    @Override
    public void restored() {
        record("restored");
    }

    @Override
    public void randomSeeded(Object random) {
        record("randomSeeded " + random.getClass().getSimpleName());
    }

    @Override
    public boolean randomUsed(Object random, boolean reseeding) {
        record((reseeding ? "randomReseeded " : "randomUsed ") + random.getClass().getSimpleName());
        return watching;
    }

    @Override
    public void connecting(Object connection, Object address) {
        record("connecting " + connection.getClass().getSimpleName() + " " + address);
    }

    @Override
    public void checkpoint() {
        record("checkpoint");
    }

    @Override
    public boolean afterRestore() {
        record("afterRestore");
        return watching;
    }

    @Override
    public boolean connectionsCrossed() {
        record("connectionsCrossed");
        return watching;
    }

    @Override
    public boolean connectionUsed(Object connection) {
        record("connectionUsed " + connection.getClass().getSimpleName());
        return watching;
    }

    @Override
    public void timeoutExceedsDeadline(String operation, long timeoutMillis, long remainingMillis, Object resource) {
        record("timeoutExceedsDeadline " + operation + " " + timeoutMillis + (resource == null ? "" : " resource"));
    }

    @Override
    public void hookFailed(String hook, Throwable failure) {
        calls.add("hookFailed " + hook);
        failures.add(failure);
        if (failureSinkFailure != null) {
            throw failureSinkFailure;
        }
    }
}
