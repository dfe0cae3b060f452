package dev.faasguard.agent.rule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code deadline-exceeded}: the handler is still running just before the platform's deadline. The
 * finding points at the line the handler thread is stuck on, with every call the agent knows is
 * blocking at that moment, recorded before the platform kills the process. Where the platform kills nothing at
 * the deadline (Lambda Managed Instances: the stuck invocation holds its runtime thread), it is told again while
 * the invocation stays stuck, a bounded number of times.
 */
public final class DeadlineExceededRule implements Rule<DeadlineExceededRule.Overrun> {

    public static final RuleDescription DESCRIPTION = new RuleDescription("deadline-exceeded", Severity.ERROR,
            "The handler was still running at the invocation's deadline: the platform kills it.",
            "Give every call a timeout below the time left (Context.getRemainingTimeInMillis()), and stop the work "
                    + "and answer before the deadline; raise the function's timeout only if the work truly needs it.",
            List.of("the deadline watchdog"));

    /**
     * @param blocked one entry per call the agent saw blocking: thread, operation, where, blockedMs
     * @param stillStuck 0 at the deadline; 1, 2, ... each time a stuck invocation nothing killed is found again
     */
    public record Overrun(String invocation, String thread, long elapsedMillis, long marginMillis,
            List<Map<String, Object>> blocked, int stillStuck) {

        /** At the deadline, where the platform kills the invocation. */
        public Overrun(String invocation, String thread, long elapsedMillis, long marginMillis,
                List<Map<String, Object>> blocked) {
            this(invocation, thread, elapsedMillis, marginMillis, blocked, 0);
        }
    }

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
        if (overrun.stillStuck() > 0) {
            detail.put("stillStuck", overrun.stillStuck());
            return Optional.of(new Violation(DESCRIPTION, "The invocation is still running " + overrun.elapsedMillis()
                    + " ms after it started, past its deadline: nothing kills it, and it holds its runtime thread "
                    + "(Lambda Managed Instances)", detail));
        }
        return Optional.of(new Violation(DESCRIPTION, "The invocation is still running " + overrun.marginMillis()
                + " ms before its deadline, after " + overrun.elapsedMillis()
                + " ms: the platform will kill it (Task timed out)", detail));
    }
}
