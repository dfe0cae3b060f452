package dev.faasguard.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hooks of calls that may wait forever, called directly against fake sinks. */
class BlockingHooksTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private Thread live;

    @BeforeEach
    void startALiveThread() {
        live = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException ignored) {
                // ends
            }
        }, "worker-1");
        live.start();
    }

    @AfterEach
    void stopIt() throws InterruptedException {
        release.countDown();
        live.join();
        Hooks.reset();
    }

    @Test
    void aJoinWithATimeoutMakesNoSinkCall() {
        RecordingSinks sinks = RecordingSinks.install(false);
        assertEquals(0, BlockingHooks.threadJoinEnter(live, 100));
        BlockingHooks.blockingExit(0);
        assertEquals(List.of(), sinks.calls);
    }

    @Test
    void joinZeroOnALiveThreadStartsABlockingCallAndItsExitEndsIt() {
        RecordingSinks sinks = RecordingSinks.install(false);
        int token = BlockingHooks.threadJoinEnter(live, 0);
        assertEquals(List.of("blockingCallStarted " + Operations.JOIN + " Thread.join worker-1 null"), sinks.calls);
        assertEquals(7 << 1, token, "the sink's id, not enclosing");
        BlockingHooks.blockingExit(token);
        assertEquals("blockingCallEnded 7", sinks.calls.get(1));
        assertEquals(0, sinks.callsNotAsAgent);
    }

    @Test
    void joiningOneOfTheAgentsOwnThreadsIsNoBlockingCall() throws InterruptedException {
        RecordingSinks sinks = RecordingSinks.install(false);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread exitHook = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
        }, "faasguard-exit");
        Hooks.registerAgentThread(exitHook);
        exitHook.start();
        try {
            assertEquals(0, BlockingHooks.threadJoinEnter(exitHook, 0), "as the JDK joins the agent's exit hook");
            assertEquals(List.of(), sinks.calls);
        } finally {
            release.countDown();
            exitHook.join();
        }
    }

    @Test
    void joinOnAFinishedThreadAndACallTheSinkDoesNotFollowLeaveNothingToEnd() throws InterruptedException {
        RecordingSinks sinks = RecordingSinks.install(false);
        Thread done = new Thread(() -> { });
        done.start();
        done.join();
        assertEquals(0, BlockingHooks.threadJoinEnter(done, 0));
        assertEquals(List.of(), sinks.calls);

        sinks.blockingId = 0;
        assertEquals(0, BlockingHooks.socketConnectEnter(new Socket(), new InetSocketAddress("db.internal", 5432), 0));
        assertEquals(List.of("blockingCallStarted connect Socket.connect db.internal:5432 null"), sinks.calls);
    }

    @Test
    void nothingIsAskedBeforeTheAgentIsInstalled() {
        Hooks.reset();
        assertEquals(0, BlockingHooks.threadJoinEnter(live, 0));
        assertEquals(0, BlockingHooks.futureGetEnter(new CompletableFuture<>(), "CompletableFuture.get"));
        assertEquals(0, BlockingHooks.httpBodyReadEnter());
        BlockingHooks.callBoundedFor(1000);
    }

    @Test
    void anHttpCallEnclosesItsSocketReadsAndFutures() {
        RecordingSinks sinks = RecordingSinks.install(false);
        int token = BlockingHooks.httpClientSendEnter(URI.create("https://api.example.com/x"), Optional.empty(),
                Optional.of(Duration.ofSeconds(5)), false);
        assertEquals(List.of("blockingCallStarted http HttpClient.send https://api.example.com/x connectTimeout"),
                sinks.calls);
        assertEquals(0, BlockingHooks.socketReadEnter(new Object(), 0, null, 443), "a read inside the HTTP call");
        assertEquals(0, BlockingHooks.futureGetEnter(new CompletableFuture<>(), "CompletableFuture.get"));
        BlockingHooks.blockingExit(token);
        assertEquals(List.of("blockingCallStarted http HttpClient.send https://api.example.com/x connectTimeout",
                "blockingCallEnded 7"), sinks.calls);

        int read = BlockingHooks.socketReadEnter(new Object(), 0, null, 443);
        assertEquals("blockingCallStarted read Socket.read ?:443 null resource", sinks.calls.get(2),
                "the scope ended with the HTTP call");
        BlockingHooks.blockingExit(read);
    }

    @Test
    void anHttpCallWithBothTimeoutsIsNotToldButStillEnclosesItsCalls() {
        RecordingSinks sinks = RecordingSinks.install(false);
        int token = BlockingHooks.httpClientSendEnter(URI.create("https://api.example.com/x"),
                Optional.of(Duration.ofSeconds(2)), Optional.of(Duration.ofSeconds(5)), true);
        assertEquals(1, token, "enclosing only: nothing for the sink to end");
        assertEquals(0, BlockingHooks.socketReadEnter(new Object(), 0, null, 443));
        BlockingHooks.blockingExit(token);
        assertEquals(List.of(), sinks.calls);
        assertEquals(0, Hooks.state().scopeDepth);
    }

    @Test
    void aTimeoutLongerThanTheDeadlineReachesTheInvocationSink() {
        RecordingSinks sinks = RecordingSinks.install(false);
        Hooks.deadline(System.currentTimeMillis() + 10_000);
        assertEquals(0, BlockingHooks.threadJoinEnter(live, 60_000));
        BlockingHooks.socketReadEnter("socket", 5_000, null, 443);
        BlockingHooks.timedWaitEnter("Future.get", 2, TimeUnit.MINUTES);
        BlockingHooks.httpClientSendEnter(URI.create("https://api.example.com/x"),
                Optional.of(Duration.ofSeconds(2)), Optional.of(Duration.ofSeconds(30)), false);
        assertEquals(List.of(
                "timeoutExceedsDeadline Thread.join 60000",
                "timeoutExceedsDeadline Future.get 120000",
                "timeoutExceedsDeadline HttpClient.send request timeout 30000"), sinks.calls);
        assertEquals(0, sinks.callsNotAsAgent);
    }

    @Test
    void withoutADeadlineNoTimeoutIsJudged() {
        RecordingSinks sinks = RecordingSinks.install(false);
        BlockingHooks.threadJoinEnter(live, 60_000);
        BlockingHooks.timedWaitEnter("Future.get", 2, TimeUnit.HOURS);
        assertEquals(List.of(), sinks.calls);
    }

    @Test
    void callBoundedForSuppressesTimeoutsAndUntimedCallsUntilItExpires() {
        RecordingSinks sinks = RecordingSinks.install(false);
        Hooks.deadline(System.currentTimeMillis() + 10_000);
        BlockingHooks.callBoundedFor(5_000);
        assertEquals(0, BlockingHooks.socketReadEnter("socket", 60_000, null, 443));
        assertEquals(0, BlockingHooks.socketReadEnter("socket", 0, null, 443));
        assertEquals(List.of(), sinks.calls, "the SDK's timer aborts the call before the deadline");

        Hooks.state().boundedUntil = System.currentTimeMillis() - 1;
        BlockingHooks.socketReadEnter("socket", 60_000, null, 443);
        assertEquals(List.of("timeoutExceedsDeadline Socket.read 60000 resource"), sinks.calls, "expired");
    }

    @Test
    void aTimerLongerThanTheDeadlineBoundsNothing() {
        RecordingSinks sinks = RecordingSinks.install(false);
        Hooks.deadline(System.currentTimeMillis() + 10_000);
        BlockingHooks.callBoundedFor(60_000);
        BlockingHooks.socketReadEnter("socket", 60_000, null, 443);
        assertEquals(List.of("timeoutExceedsDeadline Socket.read 60000 resource"), sinks.calls);
    }

    @Test
    void agentCodeIsQuiet() {
        RecordingSinks sinks = RecordingSinks.install(false);
        Hooks.deadline(System.currentTimeMillis() + 10_000);
        Hooks.enterAgentCode();
        try {
            assertEquals(0, BlockingHooks.threadJoinEnter(live, 0));
            assertEquals(0, BlockingHooks.threadJoinEnter(live, 60_000));
            assertEquals(0, BlockingHooks.httpBodyReadEnter());
        } finally {
            Hooks.exitAgentCode();
        }
        assertEquals(List.of(), sinks.calls);
    }

    @Test
    void aFailingBlockingSinkIsSwallowedAndReportedOnce() {
        RecordingSinks sinks = RecordingSinks.install(false);
        IllegalStateException broken = new IllegalStateException("broken sink");
        sinks.failure = broken;
        assertEquals(0, BlockingHooks.threadJoinEnter(live, 0), "no id: nothing to end");
        assertEquals(List.of("blockingCallStarted join Thread.join worker-1 null", "hookFailed Thread.join"),
                sinks.calls);
        assertEquals(List.of(broken), sinks.failures);

        sinks.failure = null;
        int token = BlockingHooks.threadJoinEnter(live, 0);
        sinks.failure = broken;
        BlockingHooks.blockingExit(token);
        assertEquals("hookFailed blocking-exit", sinks.calls.get(sinks.calls.size() - 1));

        Hooks.deadline(System.currentTimeMillis() + 1_000);
        sinks.failureSinkFailure = new IllegalStateException("broken failure sink too");
        BlockingHooks.threadJoinEnter(live, 60_000);
        assertEquals("hookFailed timeout-exceeds-deadline", sinks.calls.get(sinks.calls.size() - 1));
        assertEquals(0, Hooks.state().agentDepth);
        assertTrue(live.isAlive());
    }
}
