package dev.faasguard.agent.finding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.faasguard.agent.rule.BlockingCall;
import dev.faasguard.agent.rule.Phase;
import dev.faasguard.agent.rule.Violation;
import dev.faasguard.agent.rule.RuntimeApiAddress;
import dev.faasguard.agent.rule.WithoutTimeoutRule;
import dev.faasguard.bootstrap.Operations;
import java.util.List;
import org.junit.jupiter.api.Test;

class InFlightCallsTest {

    private final FindingStore store = new FindingStore();
    private final InFlightCalls calls = new InFlightCalls(new FindingRecorder(store, IgnoreList.NONE, () -> null));
    private final Violation wait = new WithoutTimeoutRule(WithoutTimeoutRule.Kind.WAIT, RuntimeApiAddress.NONE)
            .evaluate(new BlockingCall(Operations.WAIT, "Future.get", "a future", null, Phase.INVOCATION)).orElseThrow();
    private final StackCapture.Capture site = StackCapture.Capture.direct(
            new CallSite("com.example.Fn", "handle", "Fn.java", 7), List.of(), true);

    @Test
    void aCallWithNoMinimumIsAFindingHoweverShort() {
        calls.end(calls.start(wait, site, 0));
        assertEquals(1, store.snapshot().size());
    }

    @Test
    void aCallShorterThanItsMinimumIsDropped() {
        calls.end(calls.start(wait, site, 60_000));
        assertEquals(0, store.snapshot().size());
        calls.start(wait, site, 60_000);
        calls.recordStillBlocked();
        assertEquals(0, store.snapshot().size(), "still waiting, but not for long enough");
    }

    @Test
    void aCallLongerThanItsMinimumIsAFinding() throws InterruptedException {
        int id = calls.start(wait, site, 20);
        Thread.sleep(40);
        calls.end(id);
        List<FindingStore.Counted> found = store.snapshot();
        assertEquals(1, found.size());
        assertEquals(true, ((Long) found.get(0).first().detail().get("blockedMs")) >= 20);
    }
}
