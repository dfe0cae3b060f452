package dev.faasguard.agent.rule;

import java.util.Map;

/** {@code invocation-failed}: the handler threw, and the platform reports the invocation as failed. */
public final class InvocationFailedRule extends LifecycleRule {

    public static final String ID = "invocation-failed";

    public InvocationFailedRule() {
        super(ID, Severity.ERROR, "The handler threw an exception: the platform reports the invocation as failed.",
                "Catch what you can handle inside the handler and return an error response the caller understands; "
                        + "let only the unexpected escape, and log it with its stack first.");
    }

    public Violation evaluate(Throwable error, String invocation) {
        Map<String, Object> detail = exceptionDetail(error);
        detail.put("invocation", invocation);
        return new Violation(this, "The handler threw " + describe(error)
                + ": the invocation fails (on AWS Lambda an Unhandled function error)", detail);
    }
}
