package dev.faasguard.agent.rule;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code uncaught-exception}: a thread died of an exception nobody caught; its work is silently lost. */
public final class UncaughtExceptionRule implements Rule<UncaughtExceptionRule.Death> {

    public static final RuleDescription DESCRIPTION = new RuleDescription("uncaught-exception", Severity.ERROR,
            "A thread died of an uncaught exception: its work is lost and, on a function "
                    + "platform, nobody sees the error.",
            "Catch and report exceptions inside the thread's task, or run it through an ExecutorService and call "
                    + "Future.get(timeout) so the error reaches the handler.",
            List.of("Thread.dispatchUncaughtException"));

    /**
     * @param startedBy the invocation that started the thread, or null
     * @param startedAt where it was started, or null when not known
     */
    public record Death(String thread, Throwable error, String startedBy, String startedAt) {}

    @Override
    public RuleDescription description() {
        return DESCRIPTION;
    }

    @Override
    public Optional<Violation> evaluate(Death death) {
        Map<String, Object> detail = ExceptionFacts.detail(death.error());
        detail.put("thread", death.thread());
        detail.put("startedByInvocation", death.startedBy());
        detail.put("startedAt", death.startedAt());
        return Optional.of(new Violation(DESCRIPTION, "Thread '" + death.thread() + "' died of an uncaught "
                + ExceptionFacts.describe(death.error()), detail));
    }
}
