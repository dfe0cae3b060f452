package dev.faasguard.agent.rule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code work-after-response}: a thread the invocation started is still running application code when
 * the handler returns. On Lambda the environment is frozen right after: the work stalls, and finishes
 * (or times out) during some later invocation, if ever.
 */
public final class WorkAfterResponseRule extends LifecycleRule {

    public static final String ID = "work-after-response";

    public WorkAfterResponseRule() {
        super(ID, Severity.WARNING, "A thread started by the invocation is still working after the handler returned.",
                "Finish the work before returning (wait for it with a timeout), or hand it to a queue or another "
                        + "function; the environment is frozen as soon as the response is sent.");
    }

    public Violation evaluate(String thread, String state, List<String> currentStack, String invocation) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("thread", thread);
        detail.put("state", state);
        detail.put("currentStack", currentStack);
        detail.put("invocation", invocation);
        return new Violation(this, "Thread '" + thread + "' (" + state + ") is still working when the invocation ends"
                + (currentStack.isEmpty() ? "" : ", at " + currentStack.get(0))
                + ": the platform freezes the environment once the response is sent", detail);
    }
}
