package dev.faasguard.agent.invocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Several invocations at once, each with its own alarm: each runs at its time, in the order due, unless disarmed. */
class DeadlineWatchdogTest {

    @Test
    void eachAlarmRunsOnceAtItsOwnTimeUnlessDisarmed() throws InterruptedException {
        DeadlineWatchdog watchdog = new DeadlineWatchdog();
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(2);
        long now = System.currentTimeMillis();
        watchdog.arm(now + 300, () -> {
            ran.add("late");
            done.countDown();
        });
        DeadlineWatchdog.Alarm disarmed = watchdog.arm(now + 150, () -> ran.add("disarmed"));
        watchdog.arm(now + 100, () -> {
            ran.add("early");
            done.countDown();
        });
        watchdog.disarm(disarmed);

        assertTrue(done.await(5, TimeUnit.SECONDS), "ran: " + ran);
        assertTrue(System.currentTimeMillis() >= now + 300);
        assertEquals(List.of("early", "late"), ran);
    }
}
