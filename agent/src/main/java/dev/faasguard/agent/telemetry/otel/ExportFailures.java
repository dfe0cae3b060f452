package dev.faasguard.agent.telemetry.otel;

import dev.faasguard.agent.support.AgentLog;
import dev.faasguard.agent.telemetry.ExportStatus;
import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.GrpcResponse;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/**
 * Watches every export the SDK makes: the first failure is logged once with its reason, later ones are
 * only counted (the SDK's own logging is silenced, see {@link SdkLogging}).
 */
final class ExportFailures {

    private final ExportStatus status;
    private final AgentLog log;
    private final String destination;

    ExportFailures(ExportStatus status, AgentLog log, String destination) {
        this.status = status;
        this.log = log;
        this.destination = destination;
    }

    SpanExporter watch(SpanExporter exporter) {
        return new WatchedSpanExporter(exporter);
    }

    MetricExporter watch(MetricExporter exporter) {
        return new WatchedMetricExporter(exporter);
    }

    private CompletableResultCode observe(CompletableResultCode result, String signal) {
        result.whenComplete(() -> {
            if (!result.isSuccess()) {
                failed(signal, result.getFailureThrowable());
            }
        });
        return result;
    }

    private void failed(String signal, Throwable reason) {
        String why = reason == null ? "the exporter reported a failure" : describe(reason);
        if (status.exportFailed(signal + ": " + why)) {
            log.warn("OpenTelemetry export of " + signal + " to " + destination + " failed: " + why
                    + "; the application is unaffected, later failures are counted in the report (telemetry.failedExports)");
        }
    }

    private static String describe(Throwable reason) {
        StringBuilder text = new StringBuilder(answer(reason));
        for (Throwable cause = reason.getCause(); cause != null && cause != reason; cause = cause.getCause()) {
            text.append(" (").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage()).append(')');
            reason = cause;
        }
        return text.toString();
    }

    /** The collector's answer when it gave one (HTTP status, gRPC status), else the exception's message. */
    private static String answer(Throwable reason) {
        if (reason instanceof FailedExportException.HttpExportException http && http.failedWithResponse()) {
            HttpResponse response = http.getResponse();
            return "the collector answered HTTP " + response.getStatusCode() + " " + response.getStatusMessage();
        }
        if (reason instanceof FailedExportException.GrpcExportException grpc && grpc.failedWithResponse()) {
            GrpcResponse response = grpc.getResponse();
            return "the collector answered gRPC " + response.getStatusCode() + " " + response.getStatusDescription();
        }
        return reason.getMessage() != null ? reason.getMessage() : reason.getClass().getName();
    }

    private final class WatchedSpanExporter implements SpanExporter {
        private final SpanExporter delegate;

        WatchedSpanExporter(SpanExporter delegate) {
            this.delegate = delegate;
        }

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            return observe(delegate.export(spans), "spans");
        }

        @Override
        public CompletableResultCode flush() {
            return delegate.flush();
        }

        @Override
        public CompletableResultCode shutdown() {
            return delegate.shutdown();
        }
    }

    private final class WatchedMetricExporter implements MetricExporter {
        private final MetricExporter delegate;

        WatchedMetricExporter(MetricExporter delegate) {
            this.delegate = delegate;
        }

        @Override
        public CompletableResultCode export(Collection<MetricData> metrics) {
            return observe(delegate.export(metrics), "metrics");
        }

        @Override
        public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
            return delegate.getAggregationTemporality(instrumentType);
        }

        @Override
        public Aggregation getDefaultAggregation(InstrumentType instrumentType) {
            return delegate.getDefaultAggregation(instrumentType);
        }

        @Override
        public MemoryMode getMemoryMode() {
            return delegate.getMemoryMode();
        }

        @Override
        public CompletableResultCode flush() {
            return delegate.flush();
        }

        @Override
        public CompletableResultCode shutdown() {
            return delegate.shutdown();
        }
    }
}
