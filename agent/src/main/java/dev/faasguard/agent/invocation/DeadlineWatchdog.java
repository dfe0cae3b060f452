package dev.faasguard.agent.invocation;

import dev.faasguard.agent.support.AgentThreads;
import java.util.ArrayList;
import java.util.List;

/**
 * Wakes up a margin before each running invocation's deadline, on a daemon thread of the agent's own, so the
 * agent can record where the handler is stuck before the platform kills the process (or, where it never kills
 * it, while it stays stuck). Several invocations may run at once, each with its own alarm.
 *
 * <p>Arming and disarming cost the invocation's thread a lock and, at most, one notify: the watchdog, asleep until
 * its earliest alarm, is woken early only when a new alarm is sooner than that.
 */
final class DeadlineWatchdog implements Runnable {

    /** One armed alarm: what runs, and when (epoch ms). */
    static final class Alarm {
        private final Runnable task;
        private final long dueMillis;

        private Alarm(Runnable task, long dueMillis) {
            this.task = task;
            this.dueMillis = dueMillis;
        }
    }

    private final Object lock = new Object();
    /** The alarms armed and not yet due; a handful at most, one per running invocation. */
    private final List<Alarm> alarms = new ArrayList<>();
    /** When the watchdog thread will look next; Long.MAX_VALUE while it waits for an arm. */
    private long wakingAt = Long.MAX_VALUE;
    private boolean started;

    /** Arms an alarm that runs {@code atDue} at {@code dueEpochMillis}. */
    Alarm arm(long dueEpochMillis, Runnable atDue) {
        Alarm alarm = new Alarm(atDue, dueEpochMillis);
        synchronized (lock) {
            alarms.add(alarm);
            if (!started) {
                started = true;
                new AgentThreads("faasguard-watchdog").newThread(this).start();
            } else if (dueEpochMillis < wakingAt) {
                lock.notify();
            }
        }
        return alarm;
    }

    /** The alarm will not run; nothing happens when it has run or was disarmed already. */
    void disarm(Alarm alarm) {
        if (alarm == null) {
            return;
        }
        synchronized (lock) {
            alarms.remove(alarm);
        }
    }

    @Override
    public void run() {
        while (true) {
            Alarm due;
            synchronized (lock) {
                long now = System.currentTimeMillis();
                due = earliest();
                if (due == null || now < due.dueMillis) {
                    wakingAt = due == null ? Long.MAX_VALUE : due.dueMillis;
                    try {
                        lock.wait(due == null ? 0 : due.dueMillis - now);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                    continue;
                }
                alarms.remove(due);
            }
            due.task.run();
        }
    }

    private Alarm earliest() {
        Alarm earliest = null;
        for (Alarm alarm : alarms) {
            if (earliest == null || alarm.dueMillis < earliest.dueMillis) {
                earliest = alarm;
            }
        }
        return earliest;
    }
}
