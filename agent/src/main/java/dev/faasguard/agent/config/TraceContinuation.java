package dev.faasguard.agent.config;

import java.util.Locale;

/** Whether an invocation's span joins the trace its event carries (X-Ray header or W3C traceparent). */
public enum TraceContinuation {
    /** Join it, unless the application exports OpenTelemetry of its own: then only link to it. */
    AUTO,
    /** Always join it: the agent's spans appear inside the caller's trace. */
    ALWAYS,
    /** Never join it: every invocation starts a trace of its own, linked to the incoming one. */
    NEVER;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static TraceContinuation parse(String value) {
        for (TraceContinuation continuation : values()) {
            if (continuation.id().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return continuation;
            }
        }
        throw new IllegalArgumentException(value);
    }
}
