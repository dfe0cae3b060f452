package dev.faasguard.agent.invocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasguard.agent.finding.StackCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Which invocation a thread works for when several run at once. */
class InvocationOwnersTest {

    private final InvocationHistory history = new InvocationHistory();
    private final InvocationOwners owners = new InvocationOwners(history);

    private Invocation start(String id) {
        return history.start(id, 0, Thread.currentThread(), 0);
    }

    /** What a new thread that no invocation started is told it works for. */
    private String onAThreadNobodyNamed() throws InterruptedException {
        AtomicReference<String> seen = new AtomicReference<>();
        Thread asking = new Thread(() -> seen.set(owners.currentInvocationId()));
        asking.start();
        asking.join();
        return seen.get();
    }

    @Test
    void theRunningThreadAThreadItStartedAndAPooledTaskItHandedWorkForIt() throws InterruptedException {
        Invocation first = start("request-1");
        Invocation second = start("request-2");
        owners.running(second);
        assertEquals("request-2", owners.currentInvocationId(), "the runtime thread's own");

        AtomicReference<String> seenByChild = new AtomicReference<>();
        Thread child = new Thread(() -> seenByChild.set(owners.currentInvocationId()));
        owners.threads().started(child, second, StackCapture.here());
        child.start();
        child.join();
        assertEquals("request-2", seenByChild.get(), "a thread it started");

        Runnable task = () -> { };
        owners.taskSubmitted(task);
        AtomicReference<String> seenByTask = new AtomicReference<>();
        AtomicReference<String> seenAfter = new AtomicReference<>();
        AtomicReference<Boolean> busyForTheFirst = new AtomicReference<>();
        Thread pool = new Thread(() -> {
            owners.taskStarting(task);
            seenByTask.set(owners.currentInvocationId());
            busyForTheFirst.set(owners.busyForAnother(Thread.currentThread(), first));
            owners.taskFinished();
            seenAfter.set(owners.currentInvocationId());
        });
        owners.threads().started(pool, first, StackCapture.here());
        pool.start();
        pool.join();
        assertEquals("request-2", seenByTask.get(), "the task's, not the invocation that started the pool thread");
        assertEquals("request-1", seenAfter.get(), "between tasks, the pool thread's own starter");
        assertTrue(busyForTheFirst.get(), "running the second's task, it is no work the first left behind");
        assertFalse(owners.busyForAnother(pool, first), "its task done");
    }

    @Test
    void aForkJoinTaskWorksForWhoeverPushedItEvenInsideAnotherTaskOnTheSameWorker() throws InterruptedException {
        Invocation first = start("request-1");
        Invocation second = start("request-2");
        Object firstTask = new Object();
        Object secondTask = new Object();
        Object nobodysTask = new Object();
        owners.running(first);
        owners.taskSubmitted(firstTask);
        owners.running(second);
        owners.taskSubmitted(secondTask);
        owners.running(null);

        List<String> seen = new ArrayList<>();
        Thread worker = new Thread(() -> {
            boolean outer = owners.forkJoinTaskRunning(firstTask);
            seen.add(owners.currentInvocationId());
            boolean helped = owners.forkJoinTaskRunning(secondTask); // run while the first task joins
            seen.add(owners.currentInvocationId());
            owners.forkJoinTaskDone();
            seen.add(owners.currentInvocationId());
            seen.add(String.valueOf(owners.forkJoinTaskRunning(nobodysTask)));
            seen.add(owners.currentInvocationId());
            owners.forkJoinTaskDone();
            seen.add(outer + " " + helped + " " + owners.currentInvocationId());
        });
        worker.start();
        worker.join();
        assertEquals(List.of("request-1", "request-2", "request-1", "false", "request-1", "true true null"), seen,
                "the helped task's owner, then the outer task's again, then none: two run, it cannot be told");
        assertFalse(owners.busyForAnother(worker, first));
    }

    @Test
    void aThreadNothingNamesWorksForTheOnlyInvocationRunningOrForNone() throws InterruptedException {
        assertNull(onAThreadNobodyNamed());
        Invocation only = start("request-1");
        assertEquals("request-1", onAThreadNobodyNamed());
        start("request-2");
        assertNull(onAThreadNobodyNamed(), "two run: it cannot be told");
        history.end(only, Invocation.Outcome.SUCCESS, 0);
        assertEquals("request-2", onAThreadNobodyNamed());
    }
}
