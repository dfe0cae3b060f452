package dev.faasguard.agent.telemetry.otel;

import dev.faasguard.agent.config.TraceContinuation;
import dev.faasguard.agent.finding.FindingStore;
import dev.faasguard.agent.invocation.EpochNanos;
import dev.faasguard.agent.invocation.InvocationEnd;
import dev.faasguard.agent.invocation.InvocationStart;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.internal.marshal.Marshaler;
import io.opentelemetry.exporter.internal.otlp.metrics.MetricReusableDataMarshaler;
import io.opentelemetry.exporter.internal.otlp.traces.SpanReusableDataMarshaler;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Runs the path of a first invocation's telemetry once, on throw-away providers, right after the SDK is
 * built and while the function is still initialising: an invocation span that fails, the agent's metrics
 * recorded and collected, and when OTLP is configured both marshalled the way its exporters do, into
 * nothing. Nothing is exported. Without it, the first invocation's flush, which the response waits for, would load and link
 * the hundreds of classes and lambdas of that path itself.
 */
final class ExportPathWarmUp {

    /** An API Gateway event from a caller with a W3C trace context, as the invocation span reads one. */
    private static final byte[] EVENT = ("{\"httpMethod\":\"GET\",\"headers\":"
            + "{\"traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\"}}").getBytes(StandardCharsets.UTF_8);

    private ExportPathWarmUp() {}

    static void run(boolean otlp) {
        List<SpanData> spans = new ArrayList<>();
        CollectingReader reader = new CollectingReader();
        try (SdkTracerProvider tracing = SdkTracerProvider.builder().addSpanProcessor(new Collecting(spans)).build();
                SdkMeterProvider metering = SdkMeterProvider.builder().registerMetricReader(reader).build()) {
            InvocationSpans invocations = new InvocationSpans(tracing.get("warm-up"), "warm-up", TraceContinuation.ALWAYS);
            FaasMetrics metrics = new FaasMetrics(metering.get("warm-up"), new FindingStore());
            long start = EpochNanos.now();
            invocations.start(new InvocationStart("warm-up", true, false, start, "arn:aws:lambda:us-east-1:123456789012:function:warm-up",
                    "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1", EVENT, ExportPathWarmUp.class.getClassLoader()));
            InvocationEnd end = new InvocationEnd("warm-up", true, "error", start + 1_000_000, 1_000_000,
                    new IllegalStateException("warm-up"), 0, 1024, 512L << 20);
            invocations.end(end);
            metrics.invocationEnded(end);
            Collection<MetricData> collected = reader.collect();
            if (otlp) {
                new SpanReusableDataMarshaler(MemoryMode.REUSABLE_DATA, ExportPathWarmUp::discard).export(spans);
                new MetricReusableDataMarshaler(MemoryMode.REUSABLE_DATA, ExportPathWarmUp::discard).export(collected);
            }
        }
    }

    private static CompletableResultCode discard(Marshaler request, int count) {
        try {
            request.writeBinaryTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return CompletableResultCode.ofSuccess();
    }

    /** Keeps the data of each span that ends. */
    private record Collecting(List<SpanData> spans) implements SpanProcessor {
        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {}

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
            spans.add(span.toSpanData());
        }

        @Override
        public boolean isEndRequired() {
            return true;
        }
    }

    /** Collects on demand, cumulative and with reusable data, as the agent's periodic OTLP reader does. */
    private static final class CollectingReader implements MetricReader {
        private CollectionRegistration registration = CollectionRegistration.noop();

        @Override
        public void register(CollectionRegistration registration) {
            this.registration = registration;
        }

        Collection<MetricData> collect() {
            return registration.collectAllMetrics();
        }

        @Override
        public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
            return AggregationTemporality.CUMULATIVE;
        }

        @Override
        public MemoryMode getMemoryMode() {
            return MemoryMode.REUSABLE_DATA;
        }

        @Override
        public CompletableResultCode forceFlush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
