package dev.faasguard.agent.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IncomingTraceTest {

    @Test
    void readsLambdasXrayHeader() {
        IncomingTrace trace = IncomingTrace.fromXray("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
        assertEquals("5759e988bd862e3fe1be46a994272793", trace.traceId());
        assertEquals("53995c3f42cd8ad8", trace.spanId());
        assertTrue(trace.sampled());
        assertFalse(IncomingTrace.fromXray("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0").sampled());
    }

    @Test
    void anXrayHeaderWithoutParentOrMalformedIsNoTrace() {
        assertNull(IncomingTrace.fromXray(null));
        assertNull(IncomingTrace.fromXray("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"));
        assertNull(IncomingTrace.fromXray("Root=2-zz;Parent=53995c3f42cd8ad8"));
        assertNull(IncomingTrace.fromXray("Root=1-00000000-000000000000000000000000;Parent=53995c3f42cd8ad8"));
    }

    @Test
    void readsTheW3cTraceparentAmongTheEventsHeadersWhateverTheirCase() {
        String event = "{\"headers\":{\"Content-Type\":\"application/json\",\"TraceParent\" : \"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\","
                + "\"tracestate\":\"vendor=1\"},\"body\":\"{}\"}";
        IncomingTrace trace = IncomingTrace.fromEvent(event.getBytes(StandardCharsets.UTF_8));
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", trace.traceId());
        assertEquals("00f067aa0ba902b7", trace.spanId());
        assertTrue(trace.sampled());
        assertEquals("vendor=1", trace.traceState());
        assertEquals("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", trace.traceparent());
    }

    @Test
    void anEventWithoutAValidTraceparentHasNoTrace() {
        assertNull(IncomingTrace.fromEvent(null));
        assertNull(IncomingTrace.fromEvent("{\"period\":\"daily\"}".getBytes(StandardCharsets.UTF_8)));
        assertNull(IncomingTrace.fromEvent("{\"traceparent\":\"00-xyz-00f067aa0ba902b7-01\"}".getBytes(StandardCharsets.UTF_8)));
        assertNull(IncomingTrace.fromEvent(
                "{\"traceparent\":\"00-00000000000000000000000000000000-00f067aa0ba902b7-01\"}".getBytes(StandardCharsets.UTF_8)));
    }
}
