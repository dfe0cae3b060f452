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
        super(RuntimeApiAddress.NONE);
    }

    @Override
    public String id() {
        return Hooks.RULE_WAIT;
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "A future, latch, barrier or process is waited for with no timeout.";
    }

    @Override
    public String fix() {
        return "Use the timed form: future.get(timeout, unit) or completableFuture.orTimeout(...).join(), "
                + "latch.await(timeout, unit), barrier.await(timeout, unit), process.waitFor(timeout, unit); "
                + "then cancel or destroy what did not finish.";
    }

    @Override
    protected List<String> apiPrefixes() {
        return List.of("java.util.concurrent.", "java.lang.Process");
    }

    @Override
    protected boolean talksToNetwork() {
        return false;
    }

    @Override
    protected void describe(BlockingCall call, Map<String, Object> detail) {
        detail.put("waitingOn", call.subject());
    }

    @Override
    protected String message(BlockingCall call, Map<String, Object> detail) {
        return call.operation() + "() with no timeout on " + call.subject() + ": " + CONSEQUENCE;
    }
}
