package dev.faasguard.agent.rule;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code swallowed-exception}: during an invocation, the application caught an exception and dropped it (neither
 * rethrown, wrapped as a cause, logged with its stack nor kept anywhere): the handler answers as if nothing
 * happened, and nobody can see why. Which catch blocks drop what they catch is decided when their class loads; this
 * rule judges one that was entered.
 */
public final class SwallowedExceptionRule implements Rule<SwallowedExceptionRule.Dropped> {

    public static final RuleDescription DESCRIPTION = new RuleDescription("swallowed-exception", Severity.WARNING,
            "An exception was caught and dropped during an invocation: the handler answers as if nothing happened, "
                    + "and its stack trace is lost.",
            "Log the exception itself, with its stack (log.warn(message, e), not e.getMessage()), rethrow it, or "
                    + "wrap it as the cause of the error you answer with.",
            List.of("catch blocks of application code"));

    /**
     * @param error what the catch block caught
     * @param thrownAt the line that threw it: the first frame of its stack that is the application's (else its top
     *     frame), or null when it has no stack trace
     * @param thrownBy its top frame, when that is the JDK's or a library's code rather than {@code thrownAt}; else null
     */
    public record Dropped(Throwable error, String thrownAt, String thrownBy) {}

    @Override
    public RuleDescription description() {
        return DESCRIPTION;
    }

    @Override
    public Optional<Violation> evaluate(Dropped dropped) {
        Map<String, Object> detail = ExceptionFacts.detail(dropped.error());
        detail.put("thrownAt", dropped.thrownAt());
        if (dropped.thrownBy() != null) {
            detail.put("thrownBy", dropped.thrownBy());
        }
        String where = dropped.thrownAt() == null ? "" : " (thrown at " + dropped.thrownAt() + ")";
        return Optional.of(new Violation(DESCRIPTION, "Caught and dropped " + ExceptionFacts.describe(dropped.error())
                + where + ": neither rethrown, wrapped as a cause nor logged with its stack, so nobody can see why the "
                + "invocation answered as it did", detail));
    }
}
