package dev.faasguard.agent.invocation;

import dev.faasguard.agent.support.AgentThreads;

/**
 * Wakes up a margin before each invocation's deadline, on a daemon thread of the agent's own, so the
 * agent can record where the handler is stuck before the platform kills the process.
 *
 * <p>Arming and disarming cost the invocation's thread a lock and, at most, one notify: each deadline comes after
 * the previous one, so the watchdog, still asleep until the old one, is left to find the new one when it wakes.
 * It is woken early only when the new time is sooner than the one it sleeps until.
 */
final class DeadlineWatchdog implements Runnable {

    private final Object lock = new Object();
    private Runnable task;
    private long dueMillis;
    /** When the watchdog thread will look next; Long.MAX_VALUE while it waits for an arm. */
    private long wakingAt = Long.MAX_VALUE;
    private boolean started;

    /** Arms the watchdog for one invocation, replacing any earlier one. */
    void arm(long deadlineEpochMillis, long marginMillis, Runnable atDeadline) {
        synchronized (lock) {
            task = atDeadline;
            dueMillis = deadlineEpochMillis - marginMillis;
            if (!started) {
                started = true;
                new AgentThreads("faasguard-watchdog").newThread(this).start();
            } else if (dueMillis < wakingAt) {
                lock.notify();
            }
        }
    }

    void disarm() {
        synchronized (lock) {
            task = null;
        }
    }

    @Override
    public void run() {
        while (true) {
            Runnable due;
            synchronized (lock) {
                long now = System.currentTimeMillis();
                if (task == null || now < dueMillis) {
                    wakingAt = task == null ? Long.MAX_VALUE : dueMillis;
                    try {
                        lock.wait(task == null ? 0 : dueMillis - now);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                    continue;
                }
                due = task;
                task = null;
            }
            due.run();
        }
    }
}
