package dev.faasguard.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The invocation hooks called directly against fake sinks. */
class InvocationHooksTest {

    private final Thread worker = new Thread(() -> { }, "worker-1");

    @AfterEach
    void reset() {
        Hooks.reset();
    }

    @Test
    void theRuntimeClientsInvocationFollowsTheThreadsItStarts() {
        RecordingSinks sinks = RecordingSinks.install(false);
        InvocationHooks.threadStart(worker);
        InvocationHooks.invocationStart("request-1");
        InvocationHooks.threadStart(worker);
        InvocationHooks.invocationEnd(true);
        InvocationHooks.threadStart(worker);
        assertEquals(List.of("invocationStarted request-1", "threadStarted worker-1", "invocationEnded true"),
                sinks.calls, "threads started outside an invocation are not followed");
        assertFalse(Hooks.invocationActive);
        assertEquals(0, sinks.callsNotAsAgent);
    }

    @Test
    void theEndOfEveryThreadIsToldInsideAnInvocationOrNot() {
        RecordingSinks sinks = RecordingSinks.install(false);
        InvocationHooks.threadExit(worker);
        InvocationHooks.invocationStart("request-1");
        InvocationHooks.threadExit(worker);
        assertEquals(List.of("threadEnded worker-1", "invocationStarted request-1", "threadEnded worker-1"),
                sinks.calls, "a thread started by an invocation may end after it");
        assertEquals(0, sinks.callsNotAsAgent);
    }

    @Test
    void anInvocationThatNeverEndedIsClosedByTheNext() {
        RecordingSinks sinks = RecordingSinks.install(false);
        InvocationHooks.invocationStart("request-1");
        InvocationHooks.invocationStart("request-2");
        InvocationHooks.invocationStart(null);
        assertEquals(List.of("invocationStarted request-1", "invocationEnded false", "invocationStarted request-2"),
                sinks.calls);
    }

    @Test
    void invocationsOnSeveralRuntimeThreadsRunAtOnceEachEndedByItsOwnThread() throws Exception {
        RecordingSinks sinks = RecordingSinks.install(false);
        InvocationHooks.invocationStart("request-1");
        Thread other = new Thread(() -> InvocationHooks.invocationStart("request-2"), "runtime-2");
        other.start();
        other.join();
        InvocationHooks.invocationEnd(true);
        assertTrue(Hooks.invocationActive, "request-2 still runs on its thread");
        InvocationHooks.threadStart(worker);
        Thread ending = new Thread(() -> InvocationHooks.invocationEnd(true), "runtime-3");
        ending.start();
        ending.join();
        assertTrue(Hooks.invocationActive, "a thread that runs no invocation ends none");
        assertEquals(List.of("invocationStarted request-1", "invocationStarted request-2", "invocationEnded true",
                "threadStarted worker-1", "invocationEnded true"), sinks.calls, "no invocation closed another's");
    }

    @Test
    void aTaskHandedToAPoolIsToldOnlyDuringAnInvocation() {
        RecordingSinks sinks = RecordingSinks.install(false);
        Runnable task = () -> { };
        InvocationHooks.taskSubmitted(task);
        InvocationHooks.invocationStart("request-1");
        InvocationHooks.taskSubmitted(task);
        InvocationHooks.taskStarting(task);
        InvocationHooks.taskFinished();
        assertEquals(List.of("invocationStarted request-1", "taskSubmitted " + task, "taskStarting " + task,
                "taskFinished"), sinks.calls);
        assertEquals(0, sinks.callsNotAsAgent);
    }

    @Test
    void aForkJoinTaskRunIsToldOnlyDuringAnInvocationAndItsEndOnlyWhenItWorkedForOne() {
        RecordingSinks sinks = RecordingSinks.install(false);
        Object task = "task-1";
        assertEquals(0, InvocationHooks.forkJoinTaskRunning(task), "no invocation runs");
        InvocationHooks.forkJoinTaskDone(0);
        InvocationHooks.invocationStart("request-1");
        int token = InvocationHooks.forkJoinTaskRunning(task);
        assertEquals(1, token, "the sink put it on an invocation");
        InvocationHooks.forkJoinTaskDone(0);
        InvocationHooks.forkJoinTaskDone(token);
        assertEquals(List.of("invocationStarted request-1", "forkJoinTaskRunning task-1", "forkJoinTaskDone"),
                sinks.calls);
        assertEquals(0, sinks.callsNotAsAgent);
    }

    @Test
    void theHandlerStartsAnInvocationUnlessOneRuns() {
        RecordingSinks sinks = RecordingSinks.install(false);
        int outer = InvocationHooks.handlerEnter();
        int inner = InvocationHooks.handlerEnter();
        assertEquals(1, outer);
        assertEquals(0, inner);
        InvocationHooks.handlerExit(inner, null);
        InvocationHooks.handlerExit(outer, new IllegalStateException("boom"));
        assertEquals(List.of("invocationStarted null", "invocationFailed boom", "invocationEnded false"), sinks.calls);

        InvocationHooks.invocationStart("request-1");
        assertEquals(0, InvocationHooks.handlerEnter(), "the runtime client's invocation runs");
    }

    @Test
    void uncaughtExceptionsAndExitsAreTold() {
        RecordingSinks sinks = RecordingSinks.install(false);
        InvocationHooks.uncaughtException(worker, new IllegalStateException("died"));
        InvocationHooks.runtimeExit(3, false);
        InvocationHooks.runtimeExit(137, true);
        InvocationHooks.invocationFailed(new RuntimeException("handler threw"));
        assertEquals(List.of("uncaughtException worker-1 died", "runtimeExit 3 false", "runtimeExit 137 true",
                "invocationFailed handler threw"), sinks.calls);
    }

    @Test
    void agentCodeIsQuiet() {
        RecordingSinks sinks = RecordingSinks.install(false);
        Hooks.markAgentThread();
        InvocationHooks.invocationStart("request-1");
        InvocationHooks.uncaughtException(worker, new IllegalStateException("died"));
        InvocationHooks.runtimeExit(1, false);
        assertEquals(0, InvocationHooks.handlerEnter());
        assertEquals(List.of(), sinks.calls);
    }

    @Test
    void nothingIsToldBeforeTheAgentIsInstalled() {
        Hooks.reset();
        InvocationHooks.invocationStart("request-1");
        assertEquals(0, InvocationHooks.handlerEnter());
        InvocationHooks.runtimeExit(0, false);
        assertFalse(Hooks.invocationActive);
    }

    @Test
    void aFailingInvocationSinkIsSwallowedAndReportedOnce() {
        RecordingSinks sinks = RecordingSinks.install(false);
        IllegalStateException broken = new IllegalStateException("broken sink");
        sinks.failure = broken;
        InvocationHooks.invocationStart("request-1");
        assertEquals(List.of("invocationStarted request-1", "hookFailed invocation"), sinks.calls);
        assertEquals(List.of(broken), sinks.failures);
        assertTrue(Hooks.invocationActive, "the invocation runs, whatever the sink made of it");
        assertEquals(0, Hooks.state().agentDepth);
    }

    @Test
    void theRuntimeClientsMomentsAreToldInOrder() {
        RecordingSinks sinks = RecordingSinks.install(false);
        InvocationHooks.snapshotTaking();
        InvocationHooks.restored();
        InvocationHooks.awaitingNextInvocation();
        assertEquals(List.of("checkpoint", "snapshotTaking", "afterRestore", "connectionsCrossed", "restored",
                "awaitingNextInvocation"),
                sinks.calls, "the snapshot hooks judge the checkpoint before the agent persists what init found");
    }
}
