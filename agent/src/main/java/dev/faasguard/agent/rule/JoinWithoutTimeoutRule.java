package dev.faasguard.agent.rule;

import dev.faasguard.bootstrap.Hooks;
import java.util.List;
import java.util.Map;

/** {@code join-without-timeout}: {@code Thread.join()} or {@code join(0)} on a thread that is still alive. */
public final class JoinWithoutTimeoutRule extends WithoutTimeoutRule {

    public JoinWithoutTimeoutRule() {
        super(Hooks.RULE_JOIN, Severity.WARNING,
                "Thread.join() waits with no timeout for a thread that is still running.",
                "Join with a timeout below the time the invocation has left (thread.join(millis), or "
                + "thread.join(Duration) on JDK 19+), then check isAlive() and fail or cancel the work.",
                RuntimeApiAddress.NONE);
    }

    @Override
    protected List<String> apiPrefixes() {
        return JdkApi.THREADS;
    }

    @Override
    public boolean talksToNetwork() {
        return false;
    }

    @Override
    protected void describe(BlockingCall call, Map<String, Object> detail) {
        detail.put("thread", call.subject());
    }

    @Override
    protected String message(BlockingCall call, Map<String, Object> detail) {
        return "Thread.join() on thread '" + call.subject() + "' with no timeout";
    }
}
