package dev.faasguard.agent.invocation;

import dev.faasguard.agent.finding.FindingRecorder;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which invocation a thread works for, so that what it does is put on that invocation even when several run at
 * once (Lambda Managed Instances): the thread running the invocation; a thread started by a thread working for it
 * (at {@code Thread.start}); a pooled task handed to a {@code ThreadPoolExecutor} or pushed to a {@code ForkJoinPool}
 * by such a thread, while a thread runs it. A thread none of these names (a pool thread created during init running
 * a task nobody working for an invocation handed) works for the invocation running, when exactly one is.
 */
public final class InvocationOwners implements FindingRecorder.CurrentInvocation {

    private final InvocationHistory history;
    private final StartedThreads threads = new StartedThreads();
    private final ThreadLocal<Invocation> runningHere = new ThreadLocal<>();
    /** The threads running a pooled task now, and whom the task works for. */
    private final Map<Thread, TaskRun> runningTasks = new ConcurrentHashMap<>();
    /** Tasks handed to a pool and not run yet; weak, since a pool may drop a task it never runs. */
    private final Map<Object, Invocation> pendingTasks = Collections.synchronizedMap(new WeakHashMap<>());

    public InvocationOwners(InvocationHistory history) {
        this.history = history;
    }

    /** The threads started by threads working for an invocation. */
    StartedThreads threads() {
        return threads;
    }

    /** The calling thread runs {@code invocation} from now on, or none when null. */
    void running(Invocation invocation) {
        if (invocation == null) {
            runningHere.remove();
        } else {
            runningHere.set(invocation);
        }
    }

    /** The invocation the calling thread runs itself (not one it works for), or null. */
    Invocation runningHere() {
        return runningHere.get();
    }

    /** The invocation the calling thread works for, or null when it works for none that can be told. */
    Invocation ofCurrentThread() {
        TaskRun task = runningTasks.isEmpty() ? null : runningTasks.get(Thread.currentThread());
        if (task != null) {
            return task.owner();
        }
        Invocation own = runningHere.get();
        if (own != null) {
            return own;
        }
        StartedThreads.Start start = threads.of(Thread.currentThread());
        return start != null ? start.invocation() : history.soleRunning();
    }

    @Override
    public String currentInvocationId() {
        Invocation invocation = ofCurrentThread();
        return invocation == null ? null : invocation.id();
    }

    void taskSubmitted(Object task) {
        Invocation owner = ofCurrentThread();
        if (owner != null) {
            pendingTasks.put(task, owner);
        }
    }

    void taskStarting(Object task) {
        Invocation owner = pendingTasks.isEmpty() ? null : pendingTasks.remove(task);
        if (owner != null) {
            runningTasks.put(Thread.currentThread(), new TaskRun(owner, null));
        } else if (!runningTasks.isEmpty()) {
            runningTasks.remove(Thread.currentThread());
        }
    }

    void taskFinished() {
        if (!runningTasks.isEmpty()) {
            runningTasks.remove(Thread.currentThread());
        }
    }

    /**
     * A fork-join task starts on this thread, maybe inside another (a worker helps while it joins, a caller runs what
     * it joins): when it works for an invocation, the thread does until {@link #forkJoinTaskDone}, then for whom
     * it did before.
     */
    boolean forkJoinTaskRunning(Object task) {
        Invocation owner = pendingTasks.isEmpty() ? null : pendingTasks.remove(task);
        if (owner == null) {
            return false;
        }
        Thread thread = Thread.currentThread();
        runningTasks.put(thread, new TaskRun(owner, runningTasks.get(thread)));
        return true;
    }

    void forkJoinTaskDone() {
        Thread thread = Thread.currentThread();
        TaskRun done = runningTasks.get(thread);
        if (done == null) {
            return;
        }
        if (done.interrupted() == null) {
            runningTasks.remove(thread);
        } else {
            runningTasks.put(thread, done.interrupted());
        }
    }

    /** Whether {@code thread} runs a pooled task for an invocation other than {@code invocation} now. */
    boolean busyForAnother(Thread thread, Invocation invocation) {
        TaskRun task = runningTasks.isEmpty() ? null : runningTasks.get(thread);
        return task != null && task.owner() != invocation;
    }

    /** A task a thread runs for {@code owner}, and the one it ran when it started this one, if any (fork-join). */
    private record TaskRun(Invocation owner, TaskRun interrupted) {}
}
