package dev.faasguard.agent.rule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code timeout-exceeds-deadline}: a join, connect, read, HTTP call or wait whose timeout is longer than
 * the time the invocation has left (or, during init on Lambda, than init has left of its 10 s): the platform
 * kills the invocation before the timeout can fire, so the code that handles the timeout never runs.
 */
public final class TimeoutExceedsDeadlineRule extends LifecycleRule {

    public static final String ID = "timeout-exceeds-deadline";

    public TimeoutExceedsDeadlineRule() {
        super(ID, Severity.WARNING, "A timeout is longer than the time the invocation has left.",
                "Derive timeouts from the time left (Context.getRemainingTimeInMillis() minus a margin for cleanup) "
                        + "rather than fixed values, so the code that handles a timeout runs before the platform's deadline.");
    }

    /**
     * @param operation the call and which of its timeouts, e.g. {@code HttpURLConnection read timeout}
     * @param invocation the running invocation's id, or null during init
     */
    public Violation evaluate(String operation, long timeoutMillis, long remainingMillis, String invocation,
            Phase phase) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("operation", operation);
        detail.put("timeoutMs", timeoutMillis);
        detail.put("remainingMs", remainingMillis);
        detail.put("invocation", invocation);
        return new Violation(this, operation + " with a timeout of " + timeoutMillis + " ms when " + phase.displayName()
                + " has " + Math.max(0, remainingMillis) + " ms left: " + phase.killedFirst(), detail);
    }

    /** Whether code outside the JDK made the call through one of the APIs the timeout rules judge ({@link JdkApi#ALL}). */
    public boolean calledThroughApi(List<String> jdkCallers, boolean outsideJdk) {
        return JdkApi.calledThroughApi(jdkCallers, outsideJdk, JdkApi.ALL);
    }
}
