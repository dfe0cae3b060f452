package dev.faasguard.agent.rule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code timeout-exceeds-deadline}: a join, connect, read, HTTP call or wait whose timeout is longer than
 * the time the invocation has left (or, during init on Lambda, than init has left of its 10 s): the platform
 * kills the invocation before the timeout can fire, so the code that handles the timeout never runs.
 */
public final class TimeoutExceedsDeadlineRule implements Rule<TimeoutExceedsDeadlineRule.TimedCall> {

    public static final RuleDescription DESCRIPTION = new RuleDescription("timeout-exceeds-deadline", Severity.WARNING,
            "A timeout is longer than the time the invocation has left.",
            "Derive timeouts from the time left (Context.getRemainingTimeInMillis() minus a margin for cleanup) "
                    + "rather than fixed values, so the code that handles a timeout runs before the platform's deadline.",
            List.of("Thread.join(millis)", "Socket.connect(address, millis)", "Socket.read", "HttpURLConnection",
                    "HttpClient.send", "Future.get(timeout)", "CountDownLatch.await(timeout)",
                    "CyclicBarrier.await(timeout)", "Process.waitFor(timeout)"));

    /**
     * @param operation the call and which of its timeouts, e.g. {@code HttpURLConnection read timeout}
     * @param invocation the running invocation's id, or null during init
     */
    public record TimedCall(String operation, long timeoutMillis, long remainingMillis, String invocation,
            Phase phase) {}

    @Override
    public RuleDescription description() {
        return DESCRIPTION;
    }

    @Override
    public Optional<Violation> evaluate(TimedCall call) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("operation", call.operation());
        detail.put("timeoutMs", call.timeoutMillis());
        detail.put("remainingMs", call.remainingMillis());
        detail.put("invocation", call.invocation());
        return Optional.of(new Violation(DESCRIPTION, call.operation() + " with a timeout of " + call.timeoutMillis()
                + " ms when " + call.phase().displayName() + " has " + Math.max(0, call.remainingMillis()) + " ms left: "
                + call.phase().killedFirst(), detail));
    }

    /** Whether code outside the JDK made the call through one of the APIs the timeout rules judge ({@link JdkApi#ALL}). */
    public boolean calledThroughApi(List<String> jdkCallers, boolean outsideJdk) {
        return JdkApi.calledThroughApi(jdkCallers, outsideJdk, JdkApi.ALL);
    }
}
