package dev.faasguard.agent.telemetry.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasguard.agent.config.TraceContinuation;
import dev.faasguard.agent.invocation.InvocationEnd;
import dev.faasguard.agent.invocation.InvocationStart;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Which trace an invocation's span joins, and how it ends. The test class path has the OpenTelemetry API. */
class InvocationSpansTest {

    private static final String XRAY_SAMPLED = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
    private static final String XRAY_PASSIVE = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0";
    private static final byte[] HTTP_EVENT = ("{\"httpMethod\":\"GET\",\"headers\":{\"traceparent\":"
            + "\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\"}}").getBytes(StandardCharsets.UTF_8);

    private final List<SpanData> exported = new CopyOnWriteArrayList<>();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(new Collecting())).build();

    @Test
    void aSampledXrayHeaderIsTheParentWhenAlwaysContinuing() {
        SpanData span = run(TraceContinuation.ALWAYS, XRAY_SAMPLED, null, "success", null);
        assertEquals("5759e988bd862e3fe1be46a994272793", span.getTraceId());
        assertEquals("53995c3f42cd8ad8", span.getParentSpanId());
        assertEquals(SpanKind.SERVER, span.getKind());
        assertEquals("fn", span.getName());
    }

    @Test
    void anUnsampledXrayHeaderIsOnlyALinkSoThatSpansAreNotDropped() {
        SpanData span = run(TraceContinuation.ALWAYS, XRAY_PASSIVE, null, "success", null);
        assertFalse(span.getParentSpanContext().isValid());
        assertEquals("5759e988bd862e3fe1be46a994272793", span.getLinks().get(0).getSpanContext().getTraceId());
    }

    @Test
    void theEventsW3cContextComesBeforeXrays() {
        SpanData span = run(TraceContinuation.ALWAYS, XRAY_SAMPLED, HTTP_EVENT, "success", null);
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", span.getTraceId());
        assertEquals("5759e988bd862e3fe1be46a994272793", span.getLinks().get(0).getSpanContext().getTraceId());
        assertEquals("http", span.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("faas.trigger")));
    }

    @Test
    void anApplicationWithItsOwnOpenTelemetryKeepsItsTracesToItselfUnlessAskedOtherwise() {
        SpanData auto = run(TraceContinuation.AUTO, null, HTTP_EVENT, "success", null);
        assertFalse(auto.getParentSpanContext().isValid(), "this class path has the OpenTelemetry API: a trace of our own");
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", auto.getLinks().get(0).getSpanContext().getTraceId());
        SpanData never = run(TraceContinuation.NEVER, null, HTTP_EVENT, "success", null);
        assertFalse(never.getParentSpanContext().isValid());
    }

    @Test
    void aFailedInvocationIsAnErrorWithItsException() {
        SpanData span = run(TraceContinuation.ALWAYS, null, null, "error", new IllegalStateException("boom"));
        assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
        assertEquals("exception", span.getEvents().get(0).getName());
        assertTrue(span.getEvents().get(0).getAttributes().toString().contains("boom"));
    }

    @Test
    void anInvocationEndsOnceEvenWhenItsHandlerReturnsAfterTheTimeout() {
        InvocationSpans spans = new InvocationSpans(provider.get("test"), "fn", TraceContinuation.ALWAYS);
        spans.start(new InvocationStart("id-1", true, false, 1_000_000_000L, null, null, null, getClass().getClassLoader()));
        assertTrue(spans.end(end("timeout", null)));
        assertFalse(spans.end(end("success", null)), "the late end is not a second span");
        assertEquals(1, exported.size());
    }

    private SpanData run(TraceContinuation continuation, String xray, byte[] event, String outcome, Throwable failure) {
        exported.clear();
        InvocationSpans spans = new InvocationSpans(provider.get("test"), "fn", continuation);
        spans.start(new InvocationStart("id-1", true, false, 1_000_000_000L, "arn:aws:lambda:eu-west-1:123456789012:function:fn",
                xray, event, getClass().getClassLoader()));
        spans.end(end(outcome, failure));
        assertEquals(1, exported.size());
        SpanData span = exported.get(0);
        assertEquals("123456789012", span.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("cloud.account.id")));
        return span;
    }

    private static InvocationEnd end(String outcome, Throwable failure) {
        return new InvocationEnd("id-1", true, outcome, 2_000_000_000L, 1_000_000_000L, failure, 0, 0, 0);
    }

    private final class Collecting implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            exported.addAll(spans);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
