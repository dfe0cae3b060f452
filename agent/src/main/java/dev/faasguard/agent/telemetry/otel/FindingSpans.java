package dev.faasguard.agent.telemetry.otel;

import dev.faasguard.agent.finding.CallSite;
import dev.faasguard.agent.finding.Finding;
import dev.faasguard.agent.telemetry.Blocking;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A span named {@code faasguard.<rule>} for a finding: covering the time a call really blocked, or
 * marking the moment of any other finding. A child of its invocation's span, or a root span outside any.
 */
final class FindingSpans {

    private final Tracer tracer;

    FindingSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    void record(Finding finding, Span invocation) {
        long endNanos = TimeUnit.MILLISECONDS.toNanos(finding.epochMillis());
        long blockedNanos = TimeUnit.MILLISECONDS.toNanos(Blocking.blockedMillis(finding));
        SpanBuilder span = tracer.spanBuilder("faasguard." + finding.rule().id())
                .setStartTimestamp(endNanos - blockedNanos, TimeUnit.NANOSECONDS)
                .setAllAttributes(attributes(finding));
        span.setParent(invocation == null ? Context.root() : Context.root().with(invocation));
        span.startSpan().end(endNanos, TimeUnit.NANOSECONDS);
    }

    static Attributes attributes(Finding finding) {
        CallSite site = finding.callSite();
        AttributesBuilder attributes = Attributes.builder()
                .put("faasguard.rule", finding.rule().id())
                .put("faasguard.severity", finding.rule().severity().id())
                .put("faasguard.message", finding.message())
                .put("code.function.name", site.className() + "." + site.method());
        if (site.file() != null) {
            attributes.put("code.file.path", site.file());
        }
        if (site.line() >= 0) {
            attributes.put("code.line.number", (long) site.line());
        }
        Map<String, Object> detail = finding.detail();
        if (detail.get("path") instanceof String path) {
            attributes.put("file.path", path);
        }
        if (detail.get("url") instanceof String url) {
            attributes.put("url.full", url);
        }
        if (detail.get("address") instanceof String address) {
            SocketAddress server = SocketAddress.parse(address);
            if (server != null) {
                attributes.put("server.address", server.host());
                if (server.port() > 0) {
                    attributes.put("server.port", (long) server.port());
                }
            }
        }
        if (Blocking.isBlocking(finding)) {
            attributes.put("faasguard.operation", Blocking.operation(finding));
            attributes.put("faasguard.blocked_ms", Blocking.blockedMillis(finding));
        }
        return attributes.build();
    }
}
