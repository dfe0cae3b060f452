package dev.faasguard.agent.telemetry;

import dev.faasguard.agent.finding.Finding;
import dev.faasguard.agent.invocation.InvocationEnd;
import dev.faasguard.agent.invocation.InvocationListener;
import dev.faasguard.agent.invocation.InvocationStart;

/**
 * What OpenTelemetry is told: each invocation from start to end, each finding as it happens, and the
 * points where what was told must leave the process (the end of an invocation, the exit).
 */
public interface Telemetry extends InvocationListener {

    /** Every occurrence of every finding, on the thread that recorded it. */
    void findingOccurred(Finding finding);

    /**
     * Readies what the first invocation's telemetry will need, without exporting anything. The pipeline calls
     * it once, right after building, when nothing is waiting to be told.
     */
    default void warmUp() {}

    /** Exports what was told so far; returns within {@code boundMillis} whatever the collector does. */
    void flush(long boundMillis);

    /** Exports what is left and stops; returns within {@code boundMillis}. */
    void shutdown(long boundMillis);

    /** No export configured: nothing is told, nothing loaded. */
    Telemetry OFF = new Telemetry() {
        @Override
        public void invocationStarted(InvocationStart start) {}

        @Override
        public void invocationEnded(InvocationEnd end) {}

        @Override
        public void findingOccurred(Finding finding) {}

        @Override
        public void flush(long boundMillis) {}

        @Override
        public void shutdown(long boundMillis) {}
    };
}
