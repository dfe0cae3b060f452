package dev.faasguard.agent.rule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code deadline-exceeded}: the handler is still running just before the platform's deadline. The
 * finding points at the line the handler thread is stuck on, with every call the agent knows is
 * blocking at that moment, recorded before the platform kills the process.
 */
public final class DeadlineExceededRule extends LifecycleRule {

    public static final String ID = "deadline-exceeded";

    public DeadlineExceededRule() {
        super(ID, Severity.ERROR, "The handler was still running at the invocation's deadline: the platform kills it.",
                "Give every call a timeout below the time left (Context.getRemainingTimeInMillis()), and stop the work "
                        + "and answer before the deadline; raise the function's timeout only if the work truly needs it.");
    }

    /** @param blocked one entry per call the agent saw blocking: thread, operation, where, blockedMs */
    public Violation evaluate(String invocation, String thread, long elapsedMillis, long marginMillis,
            List<Map<String, Object>> blocked) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("invocation", invocation);
        detail.put("thread", thread);
        detail.put("elapsedMs", elapsedMillis);
        detail.put("marginMs", marginMillis);
        detail.put("blockedCalls", blocked);
        return new Violation(this, "The invocation is still running " + marginMillis + " ms before its deadline, after "
                + elapsedMillis + " ms: the platform will kill it (Task timed out)", detail);
    }
}
