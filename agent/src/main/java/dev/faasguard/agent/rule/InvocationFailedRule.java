package dev.faasguard.agent.rule;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code invocation-failed}: the handler threw, and the platform reports the invocation as failed. */
public final class InvocationFailedRule implements Rule<InvocationFailedRule.Failure> {

    public static final RuleDescription DESCRIPTION = new RuleDescription("invocation-failed", Severity.ERROR,
            "The handler threw an exception: the platform reports the invocation as failed.",
            "Catch what you can handle inside the handler and return an error response the caller understands; "
                    + "let only the unexpected escape, and log it with its stack first.",
            List.of("the handler throwing"));

    public record Failure(Throwable error, String invocation) {}

    @Override
    public RuleDescription description() {
        return DESCRIPTION;
    }

    @Override
    public Optional<Violation> evaluate(Failure failure) {
        Map<String, Object> detail = ExceptionFacts.detail(failure.error());
        detail.put("invocation", failure.invocation());
        return Optional.of(new Violation(DESCRIPTION, "The handler threw " + ExceptionFacts.describe(failure.error())
                + ": the invocation fails (on AWS Lambda an Unhandled function error)", detail));
    }
}
