package dev.faasguard.agent.invocation;

/** Hears of each invocation as it starts and as it ends (OpenTelemetry's spans and metrics), and of SnapStart's moments. */
public interface InvocationListener {

    void invocationStarted(InvocationStart start);

    void invocationEnded(InvocationEnd end);

    /** SnapStart: the snapshot is taken once what was told so far is flushed, which comes right after this. */
    default void snapshotTaking() {}

    /** SnapStart: this copy of the environment was just restored from the snapshot. */
    default void restored() {}
}
