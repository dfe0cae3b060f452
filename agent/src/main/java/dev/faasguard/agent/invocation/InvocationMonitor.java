package dev.faasguard.agent.invocation;

import dev.faasguard.agent.finding.FindingRecorder;
import dev.faasguard.agent.finding.InFlightCalls;
import dev.faasguard.agent.finding.StackCapture;
import dev.faasguard.agent.rule.ClientLibrary;
import dev.faasguard.agent.rule.DeadlineExceededRule;
import dev.faasguard.agent.rule.HandlerNotFoundRule;
import dev.faasguard.agent.rule.Phase;
import dev.faasguard.agent.rule.Rules;
import dev.faasguard.agent.rule.InvocationFailedRule;
import dev.faasguard.agent.rule.RuntimeExitRule;
import dev.faasguard.agent.rule.StateAcrossInvocationsRule;
import dev.faasguard.agent.rule.UncaughtExceptionRule;
import dev.faasguard.agent.rule.Violation;
import dev.faasguard.agent.rule.WorkAfterResponseRule;
import dev.faasguard.agent.rule.TimeoutExceedsDeadlineRule;
import dev.faasguard.agent.rule.TmpGrowthRule;
import dev.faasguard.bootstrap.Hooks;
import dev.faasguard.bootstrap.InvocationSink;
import dev.faasguard.agent.rule.TmpNearFullRule;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Follows each invocation from the runtime client's {@code nextInvocation} to its response: the threads
 * it starts, how it ends, its deadline. Turns what it sees into the lifecycle findings, and has the
 * sinks persisted at every point after which the platform may freeze or kill the process. Several invocations
 * may run at once (Lambda Managed Instances), each on a runtime thread of its own: what a thread does is put on the
 * invocation it works for ({@link InvocationOwners}), and each has its own deadline.
 */
public final class InvocationMonitor implements InvocationSink {

    /** What must reach disk, stderr and the collector before the platform freezes or kills the process. */
    public interface Sinks {
        /** @param deadlineEpochMillis when the platform kills the process, or 0 when it only freezes it */
        void persist(long deadlineEpochMillis);
    }

    /** A thread younger than this may still be on its way from Thread.start to its application code. */
    private static final long JUST_STARTED_MILLIS = 100;
    /** How many more times a stuck invocation nothing kills is told, after its deadline. */
    private static final int STILL_STUCK_CHECKS = 5;
    /** The shortest time between two of them. */
    private static final long STILL_STUCK_MIN_INTERVAL_MILLIS = 1_000;

    private final InvocationHistory history;
    private final InvocationOwners owners;
    /** Whether the platform kills an invocation at its deadline: not under Lambda Managed Instances. */
    private final boolean killedAtDeadline;
    private final FindingRecorder recorder;
    private final InFlightCalls inFlight;
    private final TmpWatch tmp;
    private final long deadlineMarginMillis;
    /** Whether this JVM runs a function whose init comes before its first invocation (on Lambda, or a handler named). */
    private final boolean functionInit;
    private final Sinks sinks;
    private final ProcessEndListener processEnd;
    private final JudgedResources judged = new JudgedResources();
    private final LeakedFiles leakedSoFar = new LeakedFiles();
    /** Whether the running invocation's response goes back through the runtime client, which asks for the next. */
    private volatile boolean afterResponseWork;
    /** SnapStart: when this copy was restored (System.nanoTime), until its first invocation starts; else 0. */
    private volatile long restoredAtNanos;
    /** The invocations that ended and whose after-response work has not run yet. */
    private final List<Invocation> unsettled = new ArrayList<>();
    private final InvocationListener telemetry;
    private final DeadlineWatchdog watchdog = new DeadlineWatchdog();
    private final Map<Invocation, DeadlineWatchdog.Alarm> alarms = new ConcurrentHashMap<>();
    private final InvocationFailedRule invocationFailed;
    private final UncaughtExceptionRule uncaughtException;
    private final WorkAfterResponseRule workAfterResponse;
    private final DeadlineExceededRule deadlineExceeded;
    private final RuntimeExitRule runtimeExit;
    private final TmpGrowthRule tmpGrowth;
    private final TimeoutExceedsDeadlineRule timeoutExceedsDeadline;
    private final TmpNearFullRule tmpNearFull;
    private final HandlerLookups handlerLookups;
    private final StateFields stateFields;

    /**
     * @param reports the agent's own report files, never counted as growth
     * @param tmpCapacity the capacity of /tmp when it is not a mount of its own
     */
    public InvocationMonitor(Rules rules, InvocationHistory history, InvocationOwners owners, FindingRecorder recorder,
            InFlightCalls inFlight, List<Path> reports, long tmpCapacity, long deadlineMarginMillis,
            boolean functionInit, boolean killedAtDeadline, Sinks sinks, ProcessEndListener processEnd,
            InvocationListener telemetry) {
        this.owners = owners;
        this.killedAtDeadline = killedAtDeadline;
        this.processEnd = processEnd;
        this.invocationFailed = rules.get(InvocationFailedRule.class);
        this.uncaughtException = rules.get(UncaughtExceptionRule.class);
        this.workAfterResponse = rules.get(WorkAfterResponseRule.class);
        this.deadlineExceeded = rules.get(DeadlineExceededRule.class);
        this.runtimeExit = rules.get(RuntimeExitRule.class);
        this.tmpGrowth = rules.get(TmpGrowthRule.class);
        this.timeoutExceedsDeadline = rules.get(TimeoutExceedsDeadlineRule.class);
        this.tmpNearFull = rules.get(TmpNearFullRule.class);
        this.handlerLookups = new HandlerLookups(rules.get(HandlerNotFoundRule.class), recorder);
        this.stateFields = new StateFields(rules.get(StateAcrossInvocationsRule.class), recorder,
                StackCapture::isApplicationClass);
        this.functionInit = functionInit;
        this.history = history;
        this.recorder = recorder;
        this.inFlight = inFlight;
        this.tmp = new TmpWatch(Path.of("/tmp"), reports, tmpCapacity);
        this.deadlineMarginMillis = deadlineMarginMillis;
        this.sinks = sinks;
        this.telemetry = telemetry;
    }

    /** @param runtimeClientRequest the runtime client's request, or null for a handler called by another host */
    @Override
    public void invocationStarted(Object runtimeClientRequest) {
        if (history.running().isEmpty()) {
            // The previous invocation is settled when the runtime client asks for this one; should it not have asked:
            settleEndedInvocations();
        }
        afterResponseWork = runtimeClientRequest != null;
        RuntimeClientRequest request = runtimeClientRequest == null ? null : RuntimeClientRequest.read(runtimeClientRequest);
        String id = request == null ? null : request.id();
        long deadline = request == null ? 0 : request.deadlineEpochMillis();
        Invocation invocation = history.start(id, deadline, Thread.currentThread(), tmp.invocationStarting());
        owners.running(invocation);
        long restoredAt = restoredAtNanos;
        if (restoredAt != 0) {
            restoredAtNanos = 0;
            invocation.restored(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restoredAt));
        }
        telemetry.invocationStarted(new InvocationStart(invocation.id(), invocation.coldStart(), invocation.restored(),
                EpochNanos.now(),
                request == null ? null : request.functionArn(), request == null ? null : request.xrayTraceHeader(),
                request == null ? null : request.event(), Thread.currentThread().getContextClassLoader()));
        if (deadline > 0) {
            Hooks.deadline(history.earliestDeadline());
            alarms.put(invocation, watchdog.arm(deadline - deadlineMarginMillis, new AtDeadline(invocation)));
        }
    }

    @Override
    public void invocationFailed(Throwable error) {
        Invocation invocation = owners.ofCurrentThread();
        if (invocation == null) {
            return;
        }
        invocation.failed(error);
        if (handlerLookups.explains(error)) {
            return;
        }
        record(invocationFailed.evaluate(new InvocationFailedRule.Failure(error, invocation.id())),
                StackCapture.of(error.getStackTrace()), invocation);
        if (error instanceof OutOfMemoryError outOfMemory) {
            record(runtimeExit.evaluate(RuntimeExitRule.Exit.outOfMemory(outOfMemory, invocation.id())),
                    StackCapture.of(error.getStackTrace()), invocation);
        }
    }

    /** Before the response goes back: judge the threads it left running, close it, persist. */
    @Override
    public void invocationEnded(boolean success) {
        Invocation invocation = owners.runningHere();
        if (invocation == null) {
            return;
        }
        watchdog.disarm(alarms.remove(invocation));
        for (Thread thread : owners.threads().stillAlive(invocation)) {
            if (!owners.busyForAnother(thread, invocation)) {
                judgeStillRunning(thread, invocation);
            }
        }
        judgeTmp(invocation);
        history.end(invocation, success ? Invocation.Outcome.SUCCESS : Invocation.Outcome.ERROR, tmp.usageAtEnd());
        owners.running(null);
        Hooks.deadline(history.earliestDeadline());
        telemetry.invocationEnded(ending(invocation, invocation.failure()));
        synchronized (this) {
            unsettled.add(invocation);
        }
        if (!afterResponseWork) {
            // A host without the runtime client: its caller has no later moment to wait less.
            afterResponse();
        }
    }

    /**
     * The runtime client has sent the response and asks for the next event; the platform may freeze the process
     * until it comes. What no caller should wait for happens now: a walk of /tmp when its figures and the hooks
     * disagree, and the reports and telemetry persisted.
     */
    @Override
    public void awaitingNextInvocation() {
        afterResponse();
    }

    private void afterResponse() {
        if (settleEndedInvocations()) {
            sinks.persist(0);
        }
    }

    /** SnapStart: what init found is persisted before the snapshot, so that no restored copy has to redo it. */
    @Override
    public void snapshotTaking() {
        telemetry.snapshotTaking();
        sinks.persist(0);
    }

    /** SnapStart: the restore's duration runs from here to the first invocation (the restore hooks included). */
    @Override
    public void restored() {
        restoredAtNanos = System.nanoTime();
        telemetry.restored();
    }

    /** @return whether an invocation was waiting to be settled */
    private synchronized boolean settleEndedInvocations() {
        if (unsettled.isEmpty()) {
            return false;
        }
        List<TmpWatch.Leak> unseen = tmp.settle();
        history.tmpWalks(tmp.walks());
        Map<Invocation, List<TmpWatch.Leak>> byOwner = new LinkedHashMap<>();
        for (TmpWatch.Leak leak : unseen) {
            byOwner.computeIfAbsent(leak.owner(), owner -> new ArrayList<>()).add(leak);
        }
        byOwner.forEach(this::judgeLeaks);
        for (Invocation invocation : unsettled) {
            invocation.settled();
        }
        String last = unsettled.get(unsettled.size() - 1).id();
        unsettled.clear();
        stateFields.sample(last);
        return true;
    }

    /** Init until the function's first invocation starts; from then on, or in a plain program, invocations. */
    public Phase phase() {
        return functionInit && !history.anyStarted() ? Phase.INIT : Phase.INVOCATION;
    }

    /**
     * A timed call whose timeout is longer than the invocation (or init) has left. Made inside a client library
     * the application called, it is the client's setting that is too long, and the fix names it.
     */
    @Override
    public void timeoutExceedsDeadline(String operation, long timeoutMillis, long remainingMillis, Object resource) {
        Invocation invocation = owners.ofCurrentThread();
        Phase phase = phase();
        long remaining = remainingMillis;
        if (invocation != null) {
            // The hook judged against the earliest deadline of all that run; this thread's invocation has its own.
            if (invocation.ended() || invocation.deadlineEpochMillis() <= 0) {
                return;
            }
            remaining = invocation.deadlineEpochMillis() - System.currentTimeMillis();
            if (timeoutMillis <= remaining) {
                return;
            }
        } else if (phase != Phase.INIT) {
            return;
        }
        if (!judged.firstTime(resource, invocation == null ? null : invocation.id())) {
            return;
        }
        Violation violation = timeoutExceedsDeadline.evaluate(new TimeoutExceedsDeadlineRule.TimedCall(operation,
                timeoutMillis, remaining, invocation == null ? null : invocation.id(), phase)).orElseThrow();
        StackCapture.Capture capture = StackCapture.here();
        if (!timeoutExceedsDeadline.calledThroughApi(capture.jdkCallers(), capture.outsideJdk())) {
            return;
        }
        if (capture.madeByLibrary()) {
            Optional<ClientLibrary> client = ClientLibrary.among(capture.libraries());
            if (client.isEmpty() || !capture.inApplication()) {
                // A library's own timed wait: its timeout is not the application's to change.
                return;
            }
            violation = violation.through(client.get());
        }
        record(violation, capture, invocation);
    }

    /** A file or directory under /tmp about to change during an invocation. */
    @Override
    public void tmpChanging(String path, boolean removing, boolean notThere) {
        Invocation writer = tmpWriter();
        if (writer != null) {
            tmp.changing(writer, path, removing, notThere);
        }
    }

    /** A file under /tmp just created by a call whose entry could not name it: it did not exist before. */
    @Override
    public void tmpCreated(String path) {
        Invocation writer = tmpWriter();
        if (writer != null) {
            tmp.created(writer, path);
        }
    }

    /**
     * The running invocation a /tmp change counts for: the one the thread works for, or, for a thread left over from
     * an ended one, the one running now when there is exactly one.
     */
    private Invocation tmpWriter() {
        Invocation owner = owners.ofCurrentThread();
        return owner != null && !owner.ended() ? owner : history.soleRunning();
    }

    /** At init: a handler the runtime client could not load is a finding, persisted at once (init may end now). */
    @Override
    public void handlerResolved(Object handler, String name, ClassLoader loader) {
        stateFields.handlerResolved(handler);
        if (handlerLookups.resolved(handler, name, loader)) {
            sinks.persist(0);
        }
    }

    @Override
    public void classInitialized(Class<?> type) {
        stateFields.classInitialized(type);
    }

    @Override
    public void handlerInstance(Object handler) {
        stateFields.handler(handler);
    }

    @Override
    public void handlerInitFailed(Throwable error, String className) {
        if (handlerLookups.initFailed(error, className)) {
            sinks.persist(0);
        }
    }

    @Override
    public void taskSubmitted(Object task) {
        owners.taskSubmitted(task);
    }

    @Override
    public void taskStarting(Object task) {
        owners.taskStarting(task);
    }

    @Override
    public void taskFinished() {
        owners.taskFinished();
    }

    @Override
    public boolean forkJoinTaskRunning(Object task) {
        return owners.forkJoinTaskRunning(task);
    }

    @Override
    public void forkJoinTaskDone() {
        owners.forkJoinTaskDone();
    }

    /**
     * What the hooks saw the invocation leave in /tmp (warm ones only: a cold start may fill a cache on purpose), and
     * how full it is.
     */
    private void judgeTmp(Invocation invocation) {
        StackCapture.Capture biggest = judgeLeaks(invocation, tmp.invocationEnded(invocation));
        long capacity = tmp.capacityBytes();
        history.tmpCapacity(capacity);
        record(tmpNearFull.evaluate(new TmpNearFullRule.Usage(tmp.usageAtEnd(), capacity, tmp.growthPerInvocation(),
                invocation.id())), biggest == null ? OUTSIDE_JVM : biggest, invocation);
    }

    /**
     * Lists the files an invocation left, the ones found after its response included, and makes each a finding when
     * the invocation was warm.
     *
     * @return where the biggest of them was written, or null when there is none or the invocation was cold
     */
    private StackCapture.Capture judgeLeaks(Invocation invocation, List<TmpWatch.Leak> leaks) {
        long leakedBytes = leakedSoFar.add(invocation, leaks);
        long growth = tmp.totalGrowthBytes();
        StackCapture.Capture biggest = null;
        long biggestBytes = -1;
        for (TmpWatch.Leak leak : leaks) {
            if (!invocation.coldStart()) {
                StackCapture.Capture where = leak.creator() == null ? OUTSIDE_JVM : leak.creator();
                record(tmpGrowth.evaluate(new TmpGrowthRule.Leak(leak.path(), leak.bytes(), leak.creator() != null,
                        leakedBytes, growth, invocation.id())).orElseThrow(), where, invocation);
                if (leak.bytes() > biggestBytes) {
                    biggest = where;
                    biggestBytes = leak.bytes();
                }
            }
        }
        return biggest;
    }

    /** Where a /tmp file no hook saw comes from: a subprocess or native code. */
    private static final StackCapture.Capture OUTSIDE_JVM = StackCapture.Capture.direct(
            new dev.faasguard.agent.finding.CallSite("(outside the JVM)", "?", null, -1), List.of(), false);

    @Override
    public void threadStarted(Thread thread) {
        Invocation invocation = owners.ofCurrentThread();
        if (invocation != null) {
            owners.threads().started(thread, invocation, StackCapture.here());
        }
    }

    /** A thread ended, its uncaught exception (if any) already judged: it is followed no more. */
    @Override
    public void threadEnded(Thread thread) {
        owners.threads().ended(thread);
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        processEnd.threadDied(thread);
        StartedThreads.Start start = owners.threads().of(thread);
        String startedAt = start == null ? null : start.where().callSite().frame();
        Invocation invocation = owners.ofCurrentThread();
        record(uncaughtException.evaluate(new UncaughtExceptionRule.Death(thread.getName(), error,
                start == null ? null : start.invocation().id(), startedAt)), StackCapture.of(error.getStackTrace()),
                invocation);
        if (error instanceof OutOfMemoryError outOfMemory && invocation != null && !invocation.ended()) {
            record(runtimeExit.evaluate(RuntimeExitRule.Exit.outOfMemory(outOfMemory, invocation.id())),
                    StackCapture.of(error.getStackTrace()), invocation);
            sinks.persist(0);
        }
    }

    /** System.exit or Runtime.halt: during an invocation it is a finding, and the sinks go first (halt runs no hooks). */
    @Override
    public void runtimeExit(int status, boolean halt) {
        if (!halt) {
            processEnd.exitCalled(status);
        }
        Invocation invocation = owners.ofCurrentThread();
        if (invocation == null || invocation.ended()) {
            return;
        }
        record(runtimeExit.evaluate(RuntimeExitRule.Exit.called(status, halt, invocation.id())), StackCapture.here(),
                invocation);
        // Every invocation running goes down with the process.
        for (Invocation running : history.running()) {
            history.end(running, Invocation.Outcome.CRASH, tmp.usedBytesNow());
            telemetry.invocationEnded(ending(running, running.failure()));
        }
        sinks.persist(0);
    }

    /** The connections judged in each invocation, shared with the blocking-call judge. */
    public JudgedResources judgedResources() {
        return judged;
    }

    /**
     * Only a thread still running the application's own code is work after the response. A pool thread waiting
     * for its next task, the JDK's or a library's (OkHttp's task runner, a connection pool's housekeeper, even
     * while it tops the pool up), runs none: freezing it loses nothing of the invocation's. A thread started a
     * moment ago may not have reached its application code yet: it gets a few milliseconds.
     */
    private void judgeStillRunning(Thread thread, Invocation invocation) {
        StartedThreads.Start start = owners.threads().of(thread);
        StackCapture.Capture now = workingFor(thread, invocation);
        boolean justStarted = start != null && start.ageMillis() < JUST_STARTED_MILLIS;
        for (int wait = 0; now != null && !now.inApplication() && justStarted && thread.isAlive() && wait < 10;
                wait++) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
            now = workingFor(thread, invocation);
        }
        if (now == null || !now.inApplication()) {
            return;
        }
        record(workAfterResponse.evaluate(new WorkAfterResponseRule.StillRunning(thread.getName(),
                thread.getState().name(), now.stack(), invocation.id())), start == null ? now : start.where(),
                invocation);
    }

    /**
     * Where the thread is now, or null when it runs a pooled task for another invocation: asked again once the stack
     * is taken, since a pool thread found idle a moment before may have started another invocation's task since.
     */
    private StackCapture.Capture workingFor(Thread thread, Invocation invocation) {
        StackCapture.Capture now = StackCapture.of(thread.getStackTrace());
        return owners.busyForAnother(thread, invocation) ? null : now;
    }

    /** The invocation as it ends, for telemetry. */
    private InvocationEnd ending(Invocation invocation, Throwable failure) {
        return new InvocationEnd(invocation.id(), invocation.coldStart(), invocation.outcome(), EpochNanos.now(),
                invocation.elapsedNanos(), failure, invocation.tmpBytesBefore(), invocation.tmpBytesAfter(),
                tmp.capacityBytes());
    }

    /** What a timeout is recorded as: where the invocation's thread was stuck when time ran out. */
    private static Throwable timedOut(Invocation invocation) {
        TimeoutException timeout = new TimeoutException("Task timed out: the invocation was still running "
                + invocation.elapsedMillis() + " ms after it started, at its deadline");
        timeout.setStackTrace(invocation.thread().getStackTrace());
        return timeout;
    }

    private void record(Optional<Violation> violation, StackCapture.Capture capture, Invocation invocation) {
        violation.ifPresent(found -> record(found, capture, invocation));
    }

    /**
     * @param invocation the invocation it belongs to (an ended one for what is found after its response), or null
     *     when it belongs to none
     */
    private void record(Violation violation, StackCapture.Capture capture, Invocation invocation) {
        StackCapture.Capture kept = recorder.unlessIgnored(violation, capture);
        if (kept != null) {
            recorder.record(violation, kept, Map.of(), invocation == null ? null : invocation.id());
        }
    }

    /**
     * Runs on the watchdog thread a margin before the deadline; where nothing kills the invocation at its deadline,
     * again while it stays stuck, a bounded number of times.
     */
    private final class AtDeadline implements Runnable {
        private final Invocation invocation;
        private final int stillStuck;

        AtDeadline(Invocation invocation) {
            this(invocation, 0);
        }

        private AtDeadline(Invocation invocation, int stillStuck) {
            this.invocation = invocation;
            this.stillStuck = stillStuck;
        }

        @Override
        public void run() {
            if (invocation.ended()) {
                return;
            }
            StackCapture.Capture stuck = StackCapture.of(invocation.thread().getStackTrace());
            List<Map<String, Object>> blocked = new ArrayList<>(inFlight.blockedNow(invocation.id()));
            record(deadlineExceeded.evaluate(new DeadlineExceededRule.Overrun(invocation.id(),
                    invocation.thread().getName(), invocation.elapsedMillis(), deadlineMarginMillis, blocked,
                    stillStuck)), stuck, invocation);
            // The calls still waiting will never return before the kill: each is its finding now.
            inFlight.recordStillBlocked(invocation.id());
            if (stillStuck == 0) {
                invocation.timedOut();
                telemetry.invocationEnded(ending(invocation, timedOut(invocation)));
            }
            if (killedAtDeadline) {
                sinks.persist(invocation.deadlineEpochMillis());
                return;
            }
            sinks.persist(0);
            if (stillStuck < STILL_STUCK_CHECKS) {
                long timeout = invocation.deadlineEpochMillis() - invocation.startEpochMillis();
                alarms.put(invocation, watchdog.arm(System.currentTimeMillis()
                        + Math.max(STILL_STUCK_MIN_INTERVAL_MILLIS, timeout), new AtDeadline(invocation, stillStuck + 1)));
            }
        }
    }
}
