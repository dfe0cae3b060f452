package dev.faasguard.lambdasim;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.faasguard.lambdasim.SimTesting.describe;
import static dev.faasguard.lambdasim.SimTesting.event;
import static dev.faasguard.lambdasim.SimTesting.sim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lambda Managed Instances: the real runtime interface client with {@code AWS_LAMBDA_MAX_CONCURRENCY} runs that many
 * {@code /next} loops in one JVM; lambda-sim serves them at once, and never stops an invocation at its deadline.
 * On JDK 21 or later (Temurin 25), as Lambda runs it.
 */
class ConcurrencyIT {
    private static final byte[] HANG = event("{'action':'hang'}").getBytes(StandardCharsets.UTF_8);

    private static byte[] gather(int n) {
        return event("{'action':'gather','n':" + n + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eightAtOnceOneHangingHoldsItsThreadWithoutBlockingTheOthersOrBeingKilled() throws Exception {
        Path jdk = SimTesting.jdk21OrLater();
        long pid;
        try (LambdaSim sim = sim(jdk, "ConcurrentHandler").maxConcurrency(8).timeout(Duration.ofSeconds(5)).build()) {
            List<byte[]> events = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                events.add(i == 3 ? HANG : gather(8)); // each gather returns once all 8 were in the handler at once
            }
            List<InvocationResult> rs = sim.invokeConcurrently(events);

            InvocationResult hung = rs.get(3);
            assertEquals(Outcome.TIMEOUT, hung.outcome(), describe(hung));
            assertEquals("Sandbox.Timedout", hung.errorType());
            assertEquals(5000, hung.duration().toMillis());
            Set<String> threads = new HashSet<>();
            Set<Integer> connections = new HashSet<>();
            for (InvocationResult r : rs) {
                assertEquals(r == hung ? Outcome.TIMEOUT : Outcome.SUCCESS, r.outcome(), describe(r));
                assertEquals(hung.pid(), r.pid(), "one JVM");
                assertEquals(1, r.environment());
                connections.add(r.runtimeConnection());
                if (r != hung) {
                    String answer = r.response().orElseThrow();
                    assertTrue(answer.endsWith(" saw 8 at once\""), answer);
                    threads.add(answer.substring(0, answer.indexOf(" saw ")));
                }
            }
            assertEquals(7, threads.size(), "seven runtime threads answered: " + threads);
            assertEquals(Set.of(1, 2, 3, 4, 5, 6, 7, 8), connections, "each event on a runtime thread of its own");
            assertEquals(List.of(true, false, false, false, false, false, false, false),
                    rs.stream().map(InvocationResult::coldStart).toList());

            pid = hung.pid();
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "not killed at the deadline");
            assertEquals(List.of(hung.requestId()), sim.stillRunning(), "the hung invocation holds its thread");

            InvocationResult next = sim.invoke(event("{'action':'thread'}"));
            assertEquals(Outcome.SUCCESS, next.outcome(), describe(next));
            assertFalse(next.coldStart(), "the environment goes on");
            assertEquals(pid, next.pid());
            assertNotEquals(hung.runtimeConnection(), next.runtimeConnection(), "served by a free thread");
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "closing kills the JVM");
    }

    @Test
    void anEventNoRuntimeThreadComesFreeForIsThrottledAndNeverDelivered() throws Exception {
        Path jdk = SimTesting.jdk21OrLater();
        try (LambdaSim sim = sim(jdk, "ConcurrentHandler").maxConcurrency(1).timeout(Duration.ofSeconds(1)).build()) {
            List<InvocationResult> rs = sim.invokeConcurrently(List.of(HANG, event("{'action':'thread'}")
                    .getBytes(StandardCharsets.UTF_8)));
            assertEquals(Outcome.TIMEOUT, rs.get(0).outcome(), describe(rs.get(0)));
            InvocationResult throttled = rs.get(1);
            assertEquals(Outcome.THROTTLED, throttled.outcome(), describe(throttled));
            assertEquals("TooManyRequestsException", throttled.errorType());
            assertEquals(0, throttled.runtimeConnection(), "never delivered");
            assertTrue(throttled.bodyText().contains("no runtime thread was free for 1.00 seconds (all 1 busy)"),
                    throttled.bodyText());
            assertEquals(List.of(rs.get(0).requestId()), sim.stillRunning());
        }
    }

    @Test
    void refusedWhereLambdaWouldNotRunIt() throws Exception {
        Path self = Path.of(System.getProperty("java.home"));
        assertThrows(IllegalArgumentException.class,
                () -> sim(self, "ConcurrentHandler").maxConcurrency(2).snapStart().build());
        try (LambdaSim sim = sim(self, "ConcurrentHandler").build()) {
            assertThrows(IllegalStateException.class, () -> sim.invokeConcurrently(List.of(HANG)));
        }
        Assumptions.assumeTrue(Runtime.version().feature() < 21, "needs a JDK before 21 to run the tests with");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sim(self, "ConcurrentHandler").maxConcurrency(2).build());
        assertTrue(e.getMessage().contains("needs the function to run on Java 21 or later"), e.getMessage());
        assertTrue(e.getMessage().contains("is Java " + Runtime.version().feature()), e.getMessage());
    }
}
