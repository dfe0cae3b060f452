package dev.faasguard.agent.telemetry.otel;

import io.opentelemetry.sdk.common.CompletableResultCode;

/** What the logging-otlp span and metric exporters share: their lines, and nothing to flush or close. */
abstract class OtlpJsonExporter {

    final OtlpJsonLines lines;

    OtlpJsonExporter(OtlpJsonLines lines) {
        this.lines = lines;
    }

    /** Every export is written out before it completes. */
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    /** Standard output is the process's, not the exporter's to close. */
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
