package dev.faasguard.agent.rule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code runtime-exit}: {@code System.exit}, {@code Runtime.halt} or an {@code OutOfMemoryError} during an
 * invocation. The platform sees the runtime die (Runtime.ExitError) and the next invocation is a cold start.
 */
public final class RuntimeExitRule extends LifecycleRule {

    public static final String ID = "runtime-exit";

    public RuntimeExitRule() {
        super(ID, Severity.ERROR, "The JVM exits during an invocation (System.exit, Runtime.halt or OutOfMemoryError).",
                "Never call System.exit in a handler: throw or return an error instead. For OutOfMemoryError, "
                        + "give the function more memory or stream the data instead of holding it.");
    }

    public Violation exit(int status, boolean halt, String invocation) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("operation", halt ? "Runtime.halt" : "System.exit");
        detail.put("status", status);
        detail.put("invocation", invocation);
        return new Violation(this, (halt ? "Runtime.halt(" : "System.exit(") + status + ") during invocation "
                + invocation + ": the platform reports Runtime.ExitError and starts a new environment", detail);
    }

    public Violation outOfMemory(OutOfMemoryError error, String invocation) {
        Map<String, Object> detail = exceptionDetail(error);
        detail.put("operation", "OutOfMemoryError");
        detail.put("invocation", invocation);
        return new Violation(this, "OutOfMemoryError during invocation " + invocation + " (" + error.getMessage()
                + "): on AWS Lambda the runtime exits (Runtime.ExitError)", detail);
    }
}
