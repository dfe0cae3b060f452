package dev.faasguard.agent.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LifecycleRulesTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void tmpNearFullProjectsWhenTmpIsFullAtTheRecentGrowth() {
        Violation violation = nearFull(430 * MIB, 512 * MIB, 12 * MIB).orElseThrow();
        assertEquals(6L, violation.detail().get("invocationsUntilFull"), "82 MiB left at 12 MiB each");
        assertEquals(84.0, violation.detail().get("percentUsed"));
        assertTrue(violation.message().contains("at 12.0 MiB per invocation, /tmp is full in about 6 more invocations"),
                violation.message());
    }

    @Test
    void tmpNearFullIsQuietAtOrBelowEightyPercent() {
        assertEquals(Optional.empty(), nearFull(400 * MIB, 500 * MIB, MIB));
        assertEquals(Optional.empty(), nearFull(10, 0, 1), "unknown capacity");
    }

    @Test
    void tmpNearFullSaysSoWhenTmpIsNotGrowing() {
        Violation violation = nearFull(450 * MIB, 512 * MIB, 0).orElseThrow();
        assertEquals(null, violation.detail().get("invocationsUntilFull"));
        assertTrue(violation.message().contains("not growing"), violation.message());
    }

    @Test
    void tmpGrowthNamesTheFileAndTheGrowth() {
        Violation violation = new TmpGrowthRule().evaluate(
                new TmpGrowthRule.Leak("/tmp/pages/p1.pdf", 3 * MIB, true, 12 * MIB, 24 * MIB, "req-3")).orElseThrow();
        assertEquals("/tmp/pages/p1.pdf", violation.detail().get("path"));
        assertEquals(false, violation.detail().get("createdOutsideJvm"));
        assertTrue(violation.message().contains("3.0 MiB"), violation.message());
        assertTrue(violation.message().contains("24.0 MiB since the first invocation"), violation.message());
    }

    @Test
    void exceptionDetailsAreTypeAndBoundedMessage() {
        Violation failed = new InvocationFailedRule().evaluate(new InvocationFailedRule.Failure(
                new IllegalStateException("x".repeat(2000)), "req-4")).orElseThrow();
        assertEquals("java.lang.IllegalStateException", failed.detail().get("exceptionType"));
        assertEquals(503, ((String) failed.detail().get("exceptionMessage")).length());
        Violation uncaught = new UncaughtExceptionRule().evaluate(new UncaughtExceptionRule.Death("worker-1",
                new RuntimeException("boom"), "req-5", "com.example.Split.handle(Split.java:12)")).orElseThrow();
        assertEquals("worker-1", uncaught.detail().get("thread"));
        assertEquals("req-5", uncaught.detail().get("startedByInvocation"));
    }

    @Test
    void deadlineAndExitDetails() {
        Violation deadline = new DeadlineExceededRule().evaluate(new DeadlineExceededRule.Overrun("req-6", "main", 2700,
                300, List.of(Map.of("operation", "Thread.join")))).orElseThrow();
        assertEquals(2700L, deadline.detail().get("elapsedMs"));
        assertEquals(1, ((List<?>) deadline.detail().get("blockedCalls")).size());
        Violation exit = new RuntimeExitRule().evaluate(RuntimeExitRule.Exit.called(3, false, "req-8")).orElseThrow();
        assertEquals("System.exit", exit.detail().get("operation"));
        assertTrue(exit.message().contains("Runtime.ExitError"));
    }

    @Test
    void timeoutsAreJudgedOnlyForCallsTheApplicationMadeThroughAJdkApi() {
        TimeoutExceedsDeadlineRule rule = new TimeoutExceedsDeadlineRule();
        assertTrue(rule.calledThroughApi(List.of("jdk.internal.net.http.HttpClientImpl",
                "jdk.internal.net.http.HttpClientFacade"), true), "HttpClient.send with its timeouts");
        assertTrue(rule.calledThroughApi(List.of("java.util.concurrent.CompletableFuture"), true));
        assertTrue(!rule.calledThroughApi(List.of("java.lang.Thread", "sun.net.httpserver.ServerImpl"), true),
                "the JDK's own wait");
        assertTrue(!rule.calledThroughApi(List.of("java.lang.Thread"), false), "no application frame");
    }

    @Test
    void anOutOfMemoryErrorIsAnExitToo() {
        Violation outOfMemory = new RuntimeExitRule().evaluate(RuntimeExitRule.Exit.outOfMemory(
                new OutOfMemoryError("Java heap space"), "req-9")).orElseThrow();
        assertEquals("OutOfMemoryError", outOfMemory.detail().get("operation"));
        assertTrue(outOfMemory.message().contains("Java heap space"), outOfMemory.message());
    }

    private static Optional<Violation> nearFull(long used, long capacity, long growthPerInvocation) {
        return new TmpNearFullRule().evaluate(new TmpNearFullRule.Usage(used, capacity, growthPerInvocation, "req-1"));
    }
}
