package dev.faasguard.agent.invocation;

import dev.faasguard.agent.finding.FindingRecorder;
import dev.faasguard.agent.finding.InFlightCalls;
import dev.faasguard.agent.finding.StackCapture;
import dev.faasguard.agent.rule.DeadlineExceededRule;
import dev.faasguard.agent.rule.InvocationFailedRule;
import dev.faasguard.agent.rule.RuntimeExitRule;
import dev.faasguard.agent.rule.UncaughtExceptionRule;
import dev.faasguard.agent.rule.Violation;
import dev.faasguard.agent.rule.WorkAfterResponseRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows each invocation from the runtime client's {@code nextInvocation} to its response: the threads
 * it starts, how it ends, its deadline. Turns what it sees into the lifecycle findings, and has the
 * sinks persisted at every point after which the platform may freeze or kill the process.
 */
public final class InvocationMonitor {

    /** What must reach disk (and stderr) before the platform freezes or kills the process. */
    public interface Sinks {
        void persist();
    }

    private final InvocationHistory history;
    private final FindingRecorder recorder;
    private final InFlightCalls inFlight;
    private final TmpUsage tmp;
    private final long deadlineMarginMillis;
    private final Sinks sinks;
    private final StartedThreads threads = new StartedThreads();
    private final DeadlineWatchdog watchdog = new DeadlineWatchdog();
    private final InvocationFailedRule invocationFailed = new InvocationFailedRule();
    private final UncaughtExceptionRule uncaughtException = new UncaughtExceptionRule();
    private final WorkAfterResponseRule workAfterResponse = new WorkAfterResponseRule();
    private final DeadlineExceededRule deadlineExceeded = new DeadlineExceededRule();
    private final RuntimeExitRule runtimeExit = new RuntimeExitRule();

    public InvocationMonitor(InvocationHistory history, FindingRecorder recorder, InFlightCalls inFlight, TmpUsage tmp,
            long deadlineMarginMillis, Sinks sinks) {
        this.history = history;
        this.recorder = recorder;
        this.inFlight = inFlight;
        this.tmp = tmp;
        this.deadlineMarginMillis = deadlineMarginMillis;
        this.sinks = sinks;
    }

    public void started(Object runtimeClientRequest) {
        RuntimeClientRequest request = RuntimeClientRequest.read(runtimeClientRequest);
        String id = request == null ? null : request.id();
        long deadline = request == null ? 0 : request.deadlineEpochMillis();
        Invocation invocation = history.start(id, deadline, Thread.currentThread(), tmp.usedBytes());
        if (deadline > 0) {
            watchdog.arm(deadline, deadlineMarginMillis, new AtDeadline(invocation));
        }
    }

    public void failed(Throwable error) {
        Invocation invocation = history.current();
        if (invocation == null) {
            return;
        }
        record(invocationFailed.evaluate(error, invocation.id()), StackCapture.of(error.getStackTrace()));
        if (error instanceof OutOfMemoryError outOfMemory) {
            record(runtimeExit.outOfMemory(outOfMemory, invocation.id()), StackCapture.of(error.getStackTrace()));
        }
    }

    /** Before the response goes back: judge the threads it left running, close it, persist. */
    public void ended(boolean success) {
        Invocation invocation = history.current();
        if (invocation == null) {
            return;
        }
        watchdog.disarm();
        for (Thread thread : threads.stillAlive(invocation.id())) {
            judgeStillRunning(thread, invocation);
        }
        history.end(invocation, success ? Invocation.Outcome.SUCCESS : Invocation.Outcome.ERROR, tmp.usedBytes());
        sinks.persist();
    }

    public void threadStarted(Thread thread) {
        Invocation invocation = history.current();
        if (invocation != null) {
            threads.started(thread, invocation.id(), StackCapture.here());
        }
    }

    public void uncaught(Thread thread, Throwable error) {
        StartedThreads.Start start = threads.of(thread);
        String startedAt = start == null ? null : start.where().callSite().frame();
        record(uncaughtException.evaluate(thread.getName(), error, start == null ? null : start.invocation(), startedAt),
                StackCapture.of(error.getStackTrace()));
        if (error instanceof OutOfMemoryError outOfMemory && history.current() != null) {
            record(runtimeExit.outOfMemory(outOfMemory, history.current().id()), StackCapture.of(error.getStackTrace()));
            sinks.persist();
        }
    }

    /** System.exit or Runtime.halt: during an invocation it is a finding, and the sinks go first (halt runs no hooks). */
    public void exiting(int status, boolean halt) {
        Invocation invocation = history.current();
        if (invocation == null) {
            return;
        }
        record(runtimeExit.exit(status, halt, invocation.id()), StackCapture.here());
        history.end(invocation, Invocation.Outcome.CRASH, tmp.usedBytes());
        sinks.persist();
    }

    public InvocationHistory history() {
        return history;
    }

    /** Only a thread still running application code is work; an idle pool or JDK thread is not. */
    private void judgeStillRunning(Thread thread, Invocation invocation) {
        StackCapture.Capture now = StackCapture.of(thread.getStackTrace());
        if (!now.inApplication()) {
            return;
        }
        Violation violation = workAfterResponse.evaluate(thread.getName(), thread.getState().name(), now.stack(),
                invocation.id());
        StartedThreads.Start start = threads.of(thread);
        record(violation, start == null ? now : start.where());
    }

    private void record(Violation violation, StackCapture.Capture capture) {
        StackCapture.Capture kept = recorder.unlessIgnored(violation, capture);
        if (kept != null) {
            recorder.record(violation, kept, java.util.Map.of());
        }
    }

    /** Runs on the watchdog thread a margin before the deadline. */
    private final class AtDeadline implements Runnable {
        private final Invocation invocation;

        AtDeadline(Invocation invocation) {
            this.invocation = invocation;
        }

        @Override
        public void run() {
            if (invocation.ended()) {
                return;
            }
            StackCapture.Capture stuck = StackCapture.of(invocation.thread().getStackTrace());
            List<java.util.Map<String, Object>> blocked = new ArrayList<>(inFlight.blockedNow());
            record(deadlineExceeded.evaluate(invocation.id(), invocation.thread().getName(), invocation.elapsedMillis(),
                    deadlineMarginMillis, blocked), stuck);
            invocation.timedOut();
            sinks.persist();
        }
    }
}
