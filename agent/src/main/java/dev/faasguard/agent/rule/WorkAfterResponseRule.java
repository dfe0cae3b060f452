package dev.faasguard.agent.rule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code work-after-response}: a thread the invocation started is still running application code when
 * the handler returns. On Lambda the environment is frozen right after: the work stalls, and finishes
 * (or times out) during some later invocation, if ever.
 */
public final class WorkAfterResponseRule implements Rule<WorkAfterResponseRule.StillRunning> {

    public static final RuleDescription DESCRIPTION = new RuleDescription("work-after-response", Severity.WARNING,
            "A thread started by the invocation is still working after the handler returned.",
            "Finish the work before returning (wait for it with a timeout), or hand it to a queue or another "
                    + "function; the environment is frozen as soon as the response is sent.",
            List.of("the end of an invocation"));

    public record StillRunning(String thread, String state, List<String> currentStack, String invocation) {}

    @Override
    public RuleDescription description() {
        return DESCRIPTION;
    }

    @Override
    public Optional<Violation> evaluate(StillRunning running) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("thread", running.thread());
        detail.put("state", running.state());
        detail.put("currentStack", running.currentStack());
        detail.put("invocation", running.invocation());
        List<String> stack = running.currentStack();
        return Optional.of(new Violation(DESCRIPTION, "Thread '" + running.thread() + "' (" + running.state()
                + ") is still working when the invocation ends" + (stack.isEmpty() ? "" : ", at " + stack.get(0))
                + ": the platform freezes the environment once the response is sent", detail));
    }
}
