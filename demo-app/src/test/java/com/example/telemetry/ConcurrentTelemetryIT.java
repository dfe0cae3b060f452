package com.example.telemetry;

import static com.example.telemetry.Otlp.attributes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static com.example.exports.ExportEvents.AT_ONCE;
import static com.example.exports.ExportEvents.HUNG;
import static com.example.exports.ExportEvents.action;

import com.example.DemoRun;
import com.example.documents.LambdaRun;
import com.example.exports.ExportEvents;
import com.example.exports.ExportHandler;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import dev.faasguard.lambdasim.InvocationResult;
import dev.faasguard.lambdasim.LambdaSim;
import dev.faasguard.lambdasim.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The export function of {@code ConcurrentExportsIT} under Lambda Managed Instances, exporting over OTLP: eight
 * invocations at once in one JVM, four leaving a file in /tmp from a shared pool, one hanging. Each invocation is a
 * span of its own, each finding's span sits under the span of the invocation that caused it, and the invocations
 * counter counts each outcome once.
 */
class ConcurrentTelemetryIT {

    static Stream<Path> jdks() {
        return LambdaRun.jdks21OrLater();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void eachFindingSpanIsUnderTheInvocationThatCausedIt(Path jdk) throws Exception {
        long exportLine = DemoRun.markers(ExportHandler.class).get("export");
        try (OtlpReceiver collector = OtlpReceiver.start(OtlpReceiver.Transport.HTTP);
                LambdaSim sim = LambdaRun.start(jdk, ExportHandler.class, Duration.ofSeconds(3),
                        builder -> TelemetryDemoIT.exportingTo(builder, collector, OtlpReceiver.Transport.HTTP)
                                .maxConcurrency(AT_ONCE))) {
            InvocationResult warmUp = sim.invoke(ExportEvents.warmUp());
            List<InvocationResult> results = sim.invokeConcurrently(ExportEvents.atOnce());
            String log = LambdaRun.describe(results);
            assertEquals(Outcome.SUCCESS, warmUp.outcome(), LambdaRun.describe(warmUp));
            awaitSpans(collector, results);

            for (int i = 0; i < AT_ONCE; i++) {
                Span invocation = TelemetryDemoIT.invocationSpan(collector, results.get(i).requestId()).span();
                List<String> children = TelemetryDemoIT.childrenOf(collector, invocation).stream().map(Span::getName).sorted().toList();
                List<String> expected = switch (action(i)) {
                    case "export" -> List.of("faasguard.timeout-exceeds-deadline", "faasguard.tmp-growth");
                    case "archive" -> List.of("faasguard.deadline-exceeded", "faasguard.join-without-timeout");
                    default -> List.of();
                };
                assertEquals(expected, children, "the finding spans of invocation " + i + " (" + action(i) + ")\n" + log);
                assertEquals(i == HUNG ? Status.StatusCode.STATUS_CODE_ERROR : Status.StatusCode.STATUS_CODE_UNSET,
                        invocation.getStatus().getCode(), log);
                if (action(i).equals("export")) {
                    Span growth = TelemetryDemoIT.childrenOf(collector, invocation).stream()
                            .filter(span -> span.getName().equals("faasguard.tmp-growth")).findFirst().orElseThrow();
                    Map<String, Object> found = attributes(growth.getAttributesList());
                    assertEquals("/tmp/export-" + results.get(i).requestId() + ".csv", found.get("file.path"), log);
                    assertEquals(exportLine, found.get("code.line.number"), log);
                }
            }

            Map<List<Object>, Long> invocations = new HashMap<>();
            Metric counter = Otlp.latest(collector.metrics(), "faasguard.invocations");
            for (NumberDataPoint point : counter.getSum().getDataPointsList()) {
                Map<String, Object> attributes = attributes(point.getAttributesList());
                invocations.put(List.of(attributes.get("coldstart"), attributes.get("outcome")), point.getAsInt());
            }
            assertEquals(Map.of(List.of(true, "success"), 1L, List.of(false, "success"), 7L,
                    List.of(false, "timeout"), 1L), invocations, log);
        }
    }

    /** Waits (10 s at most) until every invocation's span is at the collector, the hung one's included. */
    private static void awaitSpans(OtlpReceiver collector, List<InvocationResult> results) throws InterruptedException {
        long until = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < until
                && results.stream().anyMatch(result -> TelemetryDemoIT.invocationSpan(collector, result.requestId()) == null)) {
            Thread.sleep(100);
        }
        for (InvocationResult result : results) {
            assertTrue(TelemetryDemoIT.invocationSpan(collector, result.requestId()) != null, "no span for " + result.requestId());
        }
    }
}
