package com.example.telemetry;

import static com.example.telemetry.Otlp.attributes;
import static com.example.telemetry.Otlp.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.DemoRun;
import com.example.documents.DocumentSplitHandler;
import com.example.documents.LambdaRun;
import com.example.telemetry.OtlpReceiver.ReceivedSpan;
import dev.faasguard.lambdasim.InvocationResult;
import dev.faasguard.lambdasim.LambdaSim;
import dev.faasguard.lambdasim.Outcome;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OpenTelemetry Java agent attached next to FaaSGuard, both exporting to one collector: each keeps to its
 * own. The Java agent's spans are what they would be alone (no span of its around FaaSGuard's exports), and
 * FaaSGuard's spans stay out of its traces unless {@code faasguard.trace.continue=always} asks for it.
 */
class OpenTelemetryAgentAlongsideIT {

    private static final String SCOPE = "dev.faasguard";
    private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String HTTP_EVENT = "{\"httpMethod\":\"POST\",\"path\":\"/split\",\"headers\":{\"traceparent\":\"00-"
            + CALLER_TRACE + "-00f067aa0ba902b7-01\"},\"document\":\"receipt.pdf\",\"pages\":1,\"pageKiB\":16}";

    static Stream<Path> jdks() {
        return LambdaRun.jdks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void eachAgentKeepsToItsOwnTelemetry(Path jdk) throws Exception {
        try (OtlpReceiver collector = OtlpReceiver.start(OtlpReceiver.Transport.HTTP)) {
            List<InvocationResult> results = run(jdk, collector, "auto");
            String log = LambdaRun.describe(results);
            results.forEach(r -> assertEquals(Outcome.SUCCESS, r.outcome(), log));

            List<ReceivedSpan> theirs = spans(collector, false);
            List<ReceivedSpan> ours = spans(collector, true);
            assertFalse(theirs.isEmpty(), "the OpenTelemetry Java agent exported its own spans\n" + log);
            assertFalse(ours.isEmpty(), "FaaSGuard exported its spans\n" + log);
            // None of the Java agent's spans is around FaaSGuard's exporter traffic.
            String port = collector.endpoint().substring(collector.endpoint().lastIndexOf(':') + 1);
            for (ReceivedSpan span : theirs) {
                String attributes = attributes(span.span().getAttributesList()).toString();
                assertFalse(attributes.contains(port) || attributes.contains("/v1/traces") || attributes.contains("/v1/metrics"),
                        "a span of the Java agent around an export: " + span.span().getName() + " " + attributes);
            }
            // The application has OpenTelemetry of its own: FaaSGuard's spans are in traces of their own, linked.
            Set<String> theirTraces = theirs.stream().map(s -> hex(s.span().getTraceId())).collect(Collectors.toSet());
            for (ReceivedSpan span : ours) {
                assertFalse(theirTraces.contains(hex(span.span().getTraceId())),
                        "a FaaSGuard span inside the application's trace: " + span.span().getName());
            }
            Span invocation = invocationSpan(ours, results.get(0).requestId());
            assertNotEquals(CALLER_TRACE, hex(invocation.getTraceId()));
            assertTrue(invocation.getLinksList().stream().anyMatch(link -> hex(link.getTraceId()).equals(CALLER_TRACE)),
                    "linked to the caller's trace");
            // And the Java agent's own server span is there once per invocation: nothing of it doubled.
            long serverSpans = theirs.stream().filter(s -> s.span().getKind() == Span.SpanKind.SPAN_KIND_SERVER).count();
            assertEquals(results.size(), serverSpans, "the Java agent's server spans: " + names(theirs));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void askedToFaasGuardJoinsTheCallersTrace(Path jdk) throws Exception {
        try (OtlpReceiver collector = OtlpReceiver.start(OtlpReceiver.Transport.HTTP)) {
            List<InvocationResult> results = run(jdk, collector, "always");
            Span invocation = invocationSpan(spans(collector, true), results.get(0).requestId());
            assertEquals(CALLER_TRACE, hex(invocation.getTraceId()), LambdaRun.describe(results));
        }
    }

    private static List<InvocationResult> run(Path jdk, OtlpReceiver collector, String continuation) throws Exception {
        Path javaAgent = DemoRun.existing("otel.javaagent.jar", "OpenTelemetry Java agent (copied by the build)");
        try (LambdaSim sim = LambdaRun.start(jdk, DocumentSplitHandler.class, Duration.ofSeconds(20), builder -> builder
                .functionName("document-split")
                .initTimeout(Duration.ofSeconds(60))
                .jvmArg("-javaagent:" + javaAgent)
                .env("OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint())
                .env("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                .env("OTEL_LOGS_EXPORTER", "none")
                .env("OTEL_METRICS_EXPORTER", "none")
                .env("FAASGUARD_TRACE_CONTINUE", continuation))) {
            List<InvocationResult> results = new ArrayList<>();
            results.add(sim.invoke(HTTP_EVENT));
            results.add(sim.invoke(HTTP_EVENT));
            // The Java agent flushes on its own schedule: give its batch a moment to arrive.
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (spans(collector, false).stream().filter(s -> s.span().getKind() == Span.SpanKind.SPAN_KIND_SERVER).count()
                    < results.size() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            return results;
        }
    }

    /** Spans by who made them: FaaSGuard's scope, or anything else (the Java agent's instrumentations). */
    private static List<ReceivedSpan> spans(OtlpReceiver collector, boolean faasGuard) {
        List<ReceivedSpan> spans = new ArrayList<>();
        for (ResourceSpans resource : collector.spans()) {
            resource.getScopeSpansList().forEach(scope -> {
                if (scope.getScope().getName().equals(SCOPE) == faasGuard) {
                    scope.getSpansList().forEach(span -> spans.add(new ReceivedSpan(resource.getResource(), span)));
                }
            });
        }
        return spans;
    }

    private static Span invocationSpan(List<ReceivedSpan> spans, String requestId) {
        return spans.stream().map(ReceivedSpan::span)
                .filter(s -> requestId.equals(attributes(s.getAttributesList()).get("faas.invocation_id")))
                .findFirst().orElseThrow(() -> new AssertionError("no invocation span for " + requestId + ": " + names(spans)));
    }

    private static List<String> names(List<ReceivedSpan> spans) {
        return spans.stream().map(s -> s.span().getName() + "/" + s.span().getKind()).toList();
    }
}
