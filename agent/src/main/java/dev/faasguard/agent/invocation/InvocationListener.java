package dev.faasguard.agent.invocation;

/** Hears of each invocation as it starts and as it ends (OpenTelemetry's spans and metrics). */
public interface InvocationListener {

    void invocationStarted(InvocationStart start);

    void invocationEnded(InvocationEnd end);
}
