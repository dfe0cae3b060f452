package dev.faasguard.agent.finding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.faasguard.agent.rule.BlockingCall;
import dev.faasguard.agent.rule.Phase;
import dev.faasguard.agent.rule.Violation;
import dev.faasguard.agent.rule.RuntimeApiAddress;
import dev.faasguard.agent.rule.WithoutTimeoutRule;
import dev.faasguard.bootstrap.Operations;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InFlightCallsTest {

    private final FindingStore store = new FindingStore();
    private final InFlightCalls calls = new InFlightCalls(new FindingRecorder(store, IgnoreList.NONE, () -> null));
    private final Violation wait = new WithoutTimeoutRule(WithoutTimeoutRule.Kind.WAIT, RuntimeApiAddress.NONE)
            .evaluate(new BlockingCall(Operations.WAIT, "Future.get", "a future", null, Phase.INVOCATION)).orElseThrow();
    private final AtomicInteger built = new AtomicInteger();
    private final StackCapture.Capture site = StackCapture.Capture.direct(
            new CallSite("com.example.Fn", "handle", "Fn.java", 7), List.of(), true);

    private int start(long minimumBlockedMillis) {
        return calls.start(wait.rule(), "Future.get", () -> {
            built.incrementAndGet();
            return wait;
        }, site, minimumBlockedMillis);
    }

    @Test
    void aRepeatIsCountedWithoutBuildingItsFinding() {
        for (int i = 0; i < 1000; i++) {
            calls.end(start(0));
        }
        assertEquals(1000, store.snapshot().get(0).count());
        assertEquals(1, built.get(), "only the first occurrence is built: no listener hears every one");
    }

    @Test
    void atAnInvocationsDeadlineOnlyItsOwnBlockedCallsAreRecordedAndAllAreAtExit() {
        AtomicReference<String> running = new AtomicReference<>("request-1");
        InFlightCalls ofTwo = new InFlightCalls(new FindingRecorder(store, IgnoreList.NONE, running::get));
        ofTwo.start(wait.rule(), "Future.get", () -> wait, site, 0);
        running.set("request-2");
        ofTwo.start(wait.rule(), "Future.get", () -> wait, site, 0);

        assertEquals(1, ofTwo.blockedNow("request-1").size());
        ofTwo.recordStillBlocked("request-1");
        assertEquals(1, store.snapshot().get(0).count());
        assertEquals("request-1", store.snapshot().get(0).first().invocation(), "the call's invocation, not the caller's");
        assertEquals(1, ofTwo.blockedNow(null).size(), "request-2's call still waits");
        ofTwo.recordStillBlocked();
        assertEquals(2, store.snapshot().get(0).count());
    }

    @Test
    void aCallWithNoMinimumIsAFindingHoweverShort() {
        calls.end(start(0));
        assertEquals(1, store.snapshot().size());
    }

    @Test
    void aCallShorterThanItsMinimumIsDropped() {
        calls.end(start(60_000));
        assertEquals(0, store.snapshot().size());
        start(60_000);
        calls.recordStillBlocked();
        assertEquals(0, store.snapshot().size(), "still waiting, but not for long enough");
    }

    @Test
    void aCallLongerThanItsMinimumIsAFinding() throws InterruptedException {
        int id = start(20);
        Thread.sleep(40);
        calls.end(id);
        List<FindingStore.Counted> found = store.snapshot();
        assertEquals(1, found.size());
        assertEquals(true, ((Long) found.get(0).first().detail().get("blockedMs")) >= 20);
    }
}
