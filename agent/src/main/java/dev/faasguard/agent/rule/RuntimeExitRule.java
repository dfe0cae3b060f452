package dev.faasguard.agent.rule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code runtime-exit}: {@code System.exit}, {@code Runtime.halt} or an {@code OutOfMemoryError} during an
 * invocation. The platform sees the runtime die (Runtime.ExitError) and the next invocation is a cold start.
 */
public final class RuntimeExitRule implements Rule<RuntimeExitRule.Exit> {

    public static final RuleDescription DESCRIPTION = new RuleDescription("runtime-exit", Severity.ERROR,
            "The JVM exits during an invocation (System.exit, Runtime.halt or OutOfMemoryError).",
            "Never call System.exit in a handler: throw or return an error instead. For OutOfMemoryError, "
                    + "give the function more memory or stream the data instead of holding it.",
            List.of("System.exit", "Runtime.halt", "OutOfMemoryError"));

    /**
     * How the JVM goes: an exit or halt with its status, or an OutOfMemoryError.
     *
     * @param outOfMemory the error, or null for an exit or halt
     */
    public record Exit(int status, boolean halt, OutOfMemoryError outOfMemory, String invocation) {

        public static Exit called(int status, boolean halt, String invocation) {
            return new Exit(status, halt, null, invocation);
        }

        public static Exit outOfMemory(OutOfMemoryError error, String invocation) {
            return new Exit(0, false, error, invocation);
        }
    }

    @Override
    public RuleDescription description() {
        return DESCRIPTION;
    }

    @Override
    public Optional<Violation> evaluate(Exit exit) {
        if (exit.outOfMemory() != null) {
            Map<String, Object> detail = ExceptionFacts.detail(exit.outOfMemory());
            detail.put("operation", "OutOfMemoryError");
            detail.put("invocation", exit.invocation());
            return Optional.of(new Violation(DESCRIPTION, "OutOfMemoryError during invocation " + exit.invocation()
                    + " (" + exit.outOfMemory().getMessage() + "): on AWS Lambda the runtime exits (Runtime.ExitError)",
                    detail));
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("operation", exit.halt() ? "Runtime.halt" : "System.exit");
        detail.put("status", exit.status());
        detail.put("invocation", exit.invocation());
        return Optional.of(new Violation(DESCRIPTION, (exit.halt() ? "Runtime.halt(" : "System.exit(") + exit.status()
                + ") during invocation " + exit.invocation()
                + ": the platform reports Runtime.ExitError and starts a new environment", detail));
    }
}
