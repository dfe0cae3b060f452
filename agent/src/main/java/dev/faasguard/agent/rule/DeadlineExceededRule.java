package dev.faasguard.agent.rule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code deadline-exceeded}: the handler is still running just before the platform's deadline. The
 * finding points at the line the handler thread is stuck on, with every call the agent knows is
 * blocking at that moment, recorded before the platform kills the process.
 */
public final class DeadlineExceededRule implements Rule<DeadlineExceededRule.Overrun> {

    public static final RuleDescription DESCRIPTION = new RuleDescription("deadline-exceeded", Severity.ERROR,
            "The handler was still running at the invocation's deadline: the platform kills it.",
            "Give every call a timeout below the time left (Context.getRemainingTimeInMillis()), and stop the work "
                    + "and answer before the deadline; raise the function's timeout only if the work truly needs it.",
            List.of("the deadline watchdog"));

    /** @param blocked one entry per call the agent saw blocking: thread, operation, where, blockedMs */
    public record Overrun(String invocation, String thread, long elapsedMillis, long marginMillis,
            List<Map<String, Object>> blocked) {}

    @Override
    public RuleDescription description() {
        return DESCRIPTION;
    }

    @Override
    public Optional<Violation> evaluate(Overrun overrun) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("invocation", overrun.invocation());
        detail.put("thread", overrun.thread());
        detail.put("elapsedMs", overrun.elapsedMillis());
        detail.put("marginMs", overrun.marginMillis());
        detail.put("blockedCalls", overrun.blocked());
        return Optional.of(new Violation(DESCRIPTION, "The invocation is still running " + overrun.marginMillis()
                + " ms before its deadline, after " + overrun.elapsedMillis()
                + " ms: the platform will kill it (Task timed out)", detail));
    }
}
