package dev.faasguard.agent.rule;

import dev.faasguard.bootstrap.Hooks;
import java.util.List;
import java.util.Map;

/**
 * {@code wait-without-timeout}: {@code Future.get()}, {@code CompletableFuture.join()},
 * {@code CountDownLatch.await()}, {@code CyclicBarrier.await()} or {@code Process.waitFor()} with no
 * timeout, on something not yet done.
 */
public final class WaitWithoutTimeoutRule extends WithoutTimeoutRule {

    public WaitWithoutTimeoutRule() {
        super(Hooks.RULE_WAIT, Severity.WARNING,
                "A future, latch, barrier or process is waited for with no timeout.",
                "Use the timed form: future.get(timeout, unit) or completableFuture.orTimeout(...).join(), "
                + "latch.await(timeout, unit), barrier.await(timeout, unit), process.waitFor(timeout, unit); "
                + "then cancel or destroy what did not finish.",
                RuntimeApiAddress.NONE);
    }

    @Override
    protected List<String> apiPrefixes() {
        return JdkApi.WAITS;
    }

    @Override
    public boolean talksToNetwork() {
        return false;
    }

    @Override
    protected void describe(BlockingCall call, Map<String, Object> detail) {
        detail.put("waitingOn", call.subject());
    }

    @Override
    protected String message(BlockingCall call, Map<String, Object> detail) {
        return call.operation() + "() with no timeout on " + call.subject();
    }
}
