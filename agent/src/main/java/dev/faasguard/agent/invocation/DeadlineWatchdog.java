package dev.faasguard.agent.invocation;

import dev.faasguard.agent.support.AgentThreads;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Wakes up a margin before each invocation's deadline, on a daemon thread of the agent's own, so the
 * agent can record where the handler is stuck before the platform kills the process.
 */
final class DeadlineWatchdog {

    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, new AgentThreads("faasguard-watchdog"));
    private ScheduledFuture<?> pending;

    DeadlineWatchdog() {
        timer.setRemoveOnCancelPolicy(true);
    }

    /** Arms the watchdog for one invocation, replacing any earlier one. */
    synchronized void arm(long deadlineEpochMillis, long marginMillis, Runnable atDeadline) {
        disarm();
        long delay = deadlineEpochMillis - marginMillis - System.currentTimeMillis();
        pending = timer.schedule(atDeadline, Math.max(0, delay), TimeUnit.MILLISECONDS);
    }

    synchronized void disarm() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
