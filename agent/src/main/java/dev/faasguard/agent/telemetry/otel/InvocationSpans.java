package dev.faasguard.agent.telemetry.otel;

import dev.faasguard.agent.config.TraceContinuation;
import dev.faasguard.agent.telemetry.IncomingTrace;
import dev.faasguard.agent.invocation.InvocationEnd;
import dev.faasguard.agent.invocation.InvocationStart;
import dev.faasguard.agent.telemetry.Trigger;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One SERVER span per invocation, named after the function, continuing the trace the invocation
 * arrived in where it may (see {@link TraceContinuation}), and linking to it where it may not.
 * Used by the telemetry thread only.
 */
final class InvocationSpans {

    private final Tracer tracer;
    private final String functionName;
    private final TraceContinuation continuation;
    private final ApplicationTelemetry application = new ApplicationTelemetry();
    private final Map<String, Span> open = new HashMap<>();

    InvocationSpans(Tracer tracer, String functionName, TraceContinuation continuation) {
        this.tracer = tracer;
        this.functionName = functionName;
        this.continuation = continuation;
    }

    void start(InvocationStart start) {
        SpanBuilder span = tracer.spanBuilder(functionName)
                .setSpanKind(SpanKind.SERVER)
                .setStartTimestamp(start.epochNanos(), TimeUnit.NANOSECONDS)
                .setAllAttributes(attributes(start));
        IncomingTrace fromEvent = IncomingTrace.fromEvent(start.event());
        IncomingTrace fromXray = IncomingTrace.fromXray(start.xrayTraceHeader());
        // The caller's W3C context comes first; X-Ray's only when sampled (Lambda's passive tracing
        // passes Sampled=0 on every invocation, which would drop every span of ours).
        IncomingTrace parent = fromEvent != null ? fromEvent : fromXray != null && fromXray.sampled() ? fromXray : null;
        boolean join = parent != null && joins(start.loader());
        span.setParent(join ? context(parent) : Context.root());
        for (IncomingTrace incoming : new IncomingTrace[] {fromEvent, fromXray}) {
            if (incoming != null && !(join && incoming == parent)) {
                span.addLink(Span.fromContext(context(incoming)).getSpanContext());
            }
        }
        open.put(start.id(), span.startSpan());
    }

    /** @return false when the invocation had already ended (a timeout, then the late end of its handler) */
    boolean end(InvocationEnd end) {
        Span span = open.remove(end.id());
        if (span == null) {
            return false;
        }
        if (end.failed()) {
            span.setStatus(StatusCode.ERROR, describe(end));
            if (end.failure() != null) {
                span.recordException(end.failure());
            }
        }
        span.setAttribute("faasguard.outcome", end.outcome());
        span.end(end.epochNanos(), TimeUnit.NANOSECONDS);
        return true;
    }

    /** The running invocation's span, where the findings it causes go; null when it is not running. */
    Span running(String invocationId) {
        return invocationId == null ? null : open.get(invocationId);
    }

    /** Spans of invocations the JVM leaves unfinished end with it. */
    void endAll(long epochNanos) {
        for (Span span : open.values()) {
            span.setStatus(StatusCode.ERROR, "the process exited during the invocation");
            span.end(epochNanos, TimeUnit.NANOSECONDS);
        }
        open.clear();
    }

    private boolean joins(ClassLoader loader) {
        return switch (continuation) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> !application.hasOwn(loader);
        };
    }

    private Attributes attributes(InvocationStart start) {
        AttributesBuilder attributes = Attributes.builder()
                .put("faas.trigger", Trigger.of(start.event()))
                .put("faas.invocation_id", start.id())
                .put("faas.coldstart", start.coldStart())
                .put("faasguard.restored", start.restored());
        String arn = start.functionArn();
        if (arn != null && !arn.isBlank()) {
            attributes.put("cloud.resource_id", arn);
            String[] parts = arn.split(":");
            if (parts.length > 4 && parts[4].matches("\\d{12}")) {
                attributes.put("cloud.account.id", parts[4]);
            }
        }
        return attributes.build();
    }

    private static String describe(InvocationEnd end) {
        return switch (end.outcome()) {
            case "timeout" -> "the invocation timed out";
            case "crash" -> "the process exited during the invocation";
            default -> end.failure() == null ? "the invocation failed" : end.failure().getClass().getName();
        };
    }

    private static Context context(IncomingTrace trace) {
        Map<String, String> headers = new HashMap<>();
        headers.put("traceparent", trace.traceparent());
        if (trace.traceState() != null) {
            headers.put("tracestate", trace.traceState());
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, HEADERS);
    }

    private static final TextMapGetter<Map<String, String>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return List.copyOf(carrier.keySet());
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    /** Whether a class loader sees OpenTelemetry of the application's own: its API, or the Java agent. */
    static final class ApplicationTelemetry {
        // Joined at run time: the build relocates literal io/opentelemetry names to the agent's own copy.
        private static final String API = String.join("/", "io", "opentelemetry", "api", "OpenTelemetry.class");

        private ClassLoader lastLoader;
        private boolean lastAnswer;

        boolean hasOwn(ClassLoader loader) {
            ClassLoader asked = loader == null ? ClassLoader.getSystemClassLoader() : loader;
            if (asked != lastLoader) {
                lastLoader = asked;
                lastAnswer = asked.getResource(API) != null || OpenTelemetryJavaAgent.present();
            }
            return lastAnswer;
        }
    }
}
