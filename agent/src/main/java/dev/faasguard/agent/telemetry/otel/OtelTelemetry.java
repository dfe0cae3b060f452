package dev.faasguard.agent.telemetry.otel;

import dev.faasguard.agent.finding.Finding;
import dev.faasguard.agent.invocation.EpochNanos;
import dev.faasguard.agent.invocation.InvocationEnd;
import dev.faasguard.agent.invocation.InvocationStart;
import dev.faasguard.agent.telemetry.Telemetry;
import dev.faasguard.agent.telemetry.otel.grpc.GrpcConnections;
import dev.faasguard.agent.telemetry.otel.http.ExportConnections;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Telemetry as OpenTelemetry spans and metrics. Called by the telemetry pipeline's thread only. */
final class OtelTelemetry implements Telemetry {

    private final OpenTelemetrySdk sdk;
    private final InvocationSpans invocations;
    private final FindingSpans findings;
    private final FaasMetrics metrics;
    private final boolean otlp;
    /** From the checkpoint to the restore: each flush leaves no connection of the agent's open behind it. */
    private boolean checkpointing;

    OtelTelemetry(OpenTelemetrySdk sdk, InvocationSpans invocations, FindingSpans findings, FaasMetrics metrics, boolean otlp) {
        this.sdk = sdk;
        this.otlp = otlp;
        this.invocations = invocations;
        this.findings = findings;
        this.metrics = metrics;
    }

    @Override
    public void invocationStarted(InvocationStart start) {
        invocations.start(start);
    }

    @Override
    public void invocationEnded(InvocationEnd end) {
        if (invocations.end(end)) {
            metrics.invocationEnded(end);
        }
    }

    /**
     * No connection of the agent's to the collector is left open in the snapshot: each copy would inherit it dead.
     * OTLP/HTTP requests ask for theirs to be closed once answered; OTLP/gRPC connections are closed after each flush.
     */
    @Override
    public void snapshotTaking() {
        checkpointing = true;
        ExportConnections.closeBeforeSnapshot();
    }

    /** The gRPC senders connect again at their next export. */
    @Override
    public void restored() {
        checkpointing = false;
        ExportConnections.keepAliveAgain();
        GrpcConnections.keepAliveAgain();
        metrics.restored();
    }

    @Override
    public void findingOccurred(Finding finding) {
        findings.record(finding, invocations.running(finding.invocation()));
        metrics.findingOccurred(finding);
    }

    @Override
    public void warmUp() {
        try {
            ExportPathWarmUp.run(otlp);
        } catch (RuntimeException | LinkageError e) {
            // Only a head start is lost: the first flush loads what it needs itself.
        }
    }

    @Override
    public void flush(long boundMillis) {
        CompletableResultCode.ofAll(List.of(sdk.getSdkTracerProvider().forceFlush(), sdk.getSdkMeterProvider().forceFlush()))
                .join(boundMillis, TimeUnit.MILLISECONDS);
        if (checkpointing) {
            GrpcConnections.closeAll(boundMillis);
        }
    }

    @Override
    public void shutdown(long boundMillis) {
        invocations.endAll(EpochNanos.now());
        sdk.shutdown().join(boundMillis, TimeUnit.MILLISECONDS);
    }
}
