package dev.faasguard.agent.rule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code timeout-exceeds-deadline}: a join, connect, read, HTTP call or wait whose timeout is longer than
 * the time the invocation has left: the platform kills the invocation before the timeout can fire, so
 * the code that handles the timeout never runs.
 */
public final class TimeoutExceedsDeadlineRule extends LifecycleRule {

    public static final String ID = "timeout-exceeds-deadline";

    public TimeoutExceedsDeadlineRule() {
        super(ID, Severity.WARNING, "A timeout is longer than the time the invocation has left.",
                "Derive timeouts from the time left (Context.getRemainingTimeInMillis() minus a margin for cleanup) "
                        + "rather than fixed values, so the code that handles a timeout runs before the platform's deadline.");
    }

    public Violation evaluate(String operation, long timeoutMillis, long remainingMillis, String invocation) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("operation", operation);
        detail.put("timeoutMs", timeoutMillis);
        detail.put("remainingMs", remainingMillis);
        detail.put("invocation", invocation);
        return new Violation(this, operation + " with a timeout of " + timeoutMillis + " ms when the invocation has "
                + Math.max(0, remainingMillis) + " ms left: the platform kills it before the timeout fires", detail);
    }

    /** Whether the application made the call through one of the APIs the timeout rules judge ({@link JdkApi#ALL}). */
    public boolean calledByApplication(List<String> jdkCallers, boolean inApplication) {
        return JdkApi.calledByApplication(jdkCallers, inApplication, JdkApi.ALL);
    }
}
