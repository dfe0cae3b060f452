package com.example.telemetry;

import static com.example.telemetry.Otlp.attributes;
import static com.example.telemetry.Otlp.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.DemoRun;
import com.example.documents.DocumentSplitHandler;
import com.example.documents.LambdaRun;
import com.example.documents.StuckReportHandler;
import com.example.snapstart.CouponHandler;
import com.example.snapstart.PriceService;
import com.example.telemetry.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import dev.faasguard.lambdasim.InvocationResult;
import dev.faasguard.lambdasim.LambdaSim;
import dev.faasguard.lambdasim.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The demo's functions under lambda-sim (the real AWS runtime client) with the agent exporting to an
 * OTLP collector over HTTP and over gRPC, configured only by the standard OTEL_* variables. Every span
 * must be at the collector when the invocation's response is: the agent flushes before it goes back.
 */
class TelemetryDemoIT {

    private static final String FUNCTION = "document-split";
    private static final String REGION = "eu-west-1";
    private static final int MEMORY_MB = 512;
    private static final String SMALL_DOCUMENT = "{\"document\":\"invoice.pdf\",\"pages\":2,\"pageKiB\":16}";
    private static final String NOT_A_DOCUMENT = "{\"document\":\"empty.pdf\",\"pages\":0}";
    private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    /** What API Gateway delivers for a request from a traced caller. */
    private static final String HTTP_EVENT = "{\"httpMethod\":\"POST\",\"path\":\"/split\",\"headers\":{\"traceparent\":\"00-"
            + CALLER_TRACE + "-" + CALLER_SPAN + "-01\"},\"document\":\"receipt.pdf\",\"pages\":1,\"pageKiB\":16}";

    private static Map<String, Integer> split;
    private static Map<String, Integer> document;
    private static Map<String, Integer> stuck;

    @BeforeAll
    static void locate() throws Exception {
        split = DemoRun.markers(DocumentSplitHandler.class);
        document = DemoRun.markers(com.example.documents.Document.class);
        stuck = DemoRun.markers(StuckReportHandler.class);
    }

    static Stream<Arguments> jdksAndTransports() {
        return LambdaRun.jdks().flatMap(jdk -> Stream.of(Arguments.of(jdk, OtlpReceiver.Transport.HTTP),
                Arguments.of(jdk, OtlpReceiver.Transport.GRPC)));
    }

    static Stream<Path> jdks() {
        return LambdaRun.jdks();
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("jdksAndTransports")
    void everyInvocationAndFindingReachesTheCollectorBeforeItsResponse(Path jdk, OtlpReceiver.Transport transport)
            throws Exception {
        try (OtlpReceiver collector = OtlpReceiver.start(transport);
                LambdaSim sim = LambdaRun.start(jdk, DocumentSplitHandler.class, Duration.ofSeconds(5),
                        builder -> exportingTo(builder, collector, transport))) {
            List<InvocationResult> results = new ArrayList<>();
            for (String event : List.of(SMALL_DOCUMENT, SMALL_DOCUMENT, NOT_A_DOCUMENT, HTTP_EVENT)) {
                InvocationResult result = sim.invoke(event);
                results.add(result);
                // Flushed before the response went back: the span is there the moment invoke returns.
                assertNotNull(invocationSpan(collector, result.requestId()),
                        () -> "no span for invocation #" + result.number() + " when its response arrived\n"
                                + LambdaRun.describe(results));
            }
            String log = LambdaRun.describe(results);
            assertEquals(List.of(Outcome.SUCCESS, Outcome.SUCCESS, Outcome.ERROR, Outcome.SUCCESS),
                    results.stream().map(InvocationResult::outcome).toList(), log);

            ReceivedSpan first = invocationSpan(collector, results.get(0).requestId());
            assertResource(attributes(first.resource().getAttributesList()), log);

            for (InvocationResult result : results) {
                ReceivedSpan received = invocationSpan(collector, result.requestId());
                Span span = received.span();
                Map<String, Object> attributes = attributes(span.getAttributesList());
                assertEquals(FUNCTION, span.getName(), log);
                assertEquals(Span.SpanKind.SPAN_KIND_SERVER, span.getKind(), log);
                assertEquals(result.requestId(), attributes.get("faas.invocation_id"), log);
                assertEquals(result.number() == 1, attributes.get("faas.coldstart"), "cold start only on #1\n" + log);
                assertEquals(result.number() == 4 ? "http" : "other", attributes.get("faas.trigger"), log);
                String arn = (String) attributes.get("cloud.resource_id");
                assertTrue(arn.startsWith("arn:aws:lambda:" + REGION + ":") && arn.endsWith(":function:" + FUNCTION),
                        "cloud.resource_id " + arn);
            }

            // The failed invocation: status ERROR, the exception recorded at the line that threw it.
            Span failed = invocationSpan(collector, results.get(2).requestId()).span();
            assertEquals(Status.StatusCode.STATUS_CODE_ERROR, failed.getStatus().getCode(), log);
            Span.Event exception = failed.getEventsList().stream().filter(e -> e.getName().equals("exception"))
                    .findFirst().orElseThrow(() -> new AssertionError("no exception event on " + failed));
            Map<String, Object> thrown = attributes(exception.getAttributesList());
            assertEquals("java.lang.IllegalArgumentException", thrown.get("exception.type"));
            assertTrue(String.valueOf(thrown.get("exception.stacktrace")).contains(
                    "Document.java:" + document.get("bad-document")), String.valueOf(thrown));
            for (int ok : new int[] {0, 1, 3}) {
                assertEquals(Status.StatusCode.STATUS_CODE_UNSET,
                        invocationSpan(collector, results.get(ok).requestId()).span().getStatus().getCode(), log);
            }

            // The HTTP event continues its caller's W3C trace; the others start their own, linked to X-Ray's.
            Span continued = invocationSpan(collector, results.get(3).requestId()).span();
            assertEquals(CALLER_TRACE, hex(continued.getTraceId()));
            assertEquals(CALLER_SPAN, hex(continued.getParentSpanId()));
            Span own = first.span();
            assertTrue(own.getParentSpanId().isEmpty(), "a root span: lambda-sim's X-Ray header is not sampled");
            String xrayRoot = results.get(0).traceHeader().split(";")[0].substring("Root=1-".length()).replace("-", "");
            assertEquals(List.of(xrayRoot), own.getLinksList().stream().map(link -> hex(link.getTraceId())).toList());

            // The warm invocation left its pages in /tmp: a tmp-growth span inside that invocation's span.
            Span warm = invocationSpan(collector, results.get(1).requestId()).span();
            Span growth = childrenOf(collector, warm).stream().filter(s -> s.getName().equals("faasguard.tmp-growth"))
                    .findFirst().orElseThrow(() -> new AssertionError("no faasguard.tmp-growth span under #2: "
                            + childrenOf(collector, warm).stream().map(Span::getName).toList()));
            Map<String, Object> found = attributes(growth.getAttributesList());
            assertEquals("tmp-growth", found.get("faasguard.rule"));
            assertEquals("warning", found.get("faasguard.severity"));
            assertEquals(DocumentSplitHandler.class.getName() + ".handleRequest", found.get("code.function.name"));
            assertEquals("DocumentSplitHandler.java", found.get("code.file.path"));
            assertEquals((long) split.get("page"), found.get("code.line.number"));
            assertTrue(String.valueOf(found.get("file.path")).startsWith("/tmp/pages-"), String.valueOf(found));
            assertTrue(childrenOf(collector, first.span()).stream().noneMatch(s -> s.getName().equals("faasguard.tmp-growth")),
                    "a cold start may fill /tmp on purpose: no tmp-growth under #1");

            assertMetrics(collector, results);
        }
    }

    /** The monthly report hangs in Thread.join() until the deadline: the span says timeout, and where it waited. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aTimedOutInvocationEndsItsSpanWithTheBlockedJoinInside(Path jdk) throws Exception {
        try (OtlpReceiver collector = OtlpReceiver.start(OtlpReceiver.Transport.HTTP);
                LambdaSim sim = LambdaRun.start(jdk, StuckReportHandler.class, Duration.ofSeconds(3),
                        builder -> exportingTo(builder, collector, OtlpReceiver.Transport.HTTP).functionName("sales-report"))) {
            InvocationResult daily = sim.invoke("{\"period\":\"daily\"}");
            InvocationResult monthly = sim.invoke("{\"period\":\"monthly\"}");
            String log = LambdaRun.describe(List.of(daily, monthly));
            assertEquals(Outcome.TIMEOUT, monthly.outcome(), log);

            Span timedOut = invocationSpan(collector, monthly.requestId()).span();
            assertEquals(Status.StatusCode.STATUS_CODE_ERROR, timedOut.getStatus().getCode(), log);
            assertEquals("timeout", attributes(timedOut.getAttributesList()).get("faasguard.outcome"));
            assertTrue(timedOut.getEventsList().stream().anyMatch(e -> e.getName().equals("exception")
                    && "java.util.concurrent.TimeoutException".equals(attributes(e.getAttributesList()).get("exception.type"))),
                    "the timeout is recorded as an exception event: " + timedOut.getEventsList());

            Span join = childrenOf(collector, timedOut).stream().filter(s -> s.getName().equals("faasguard.join-without-timeout"))
                    .findFirst().orElseThrow(() -> new AssertionError("no join span: " + childrenOf(collector, timedOut)));
            Map<String, Object> joined = attributes(join.getAttributesList());
            assertEquals((long) stuck.get("join"), joined.get("code.line.number"));
            assertEquals("StuckReportHandler.java", joined.get("code.file.path"));
            assertEquals("join", joined.get("faasguard.operation"));
            long blockedMs = (join.getEndTimeUnixNano() - join.getStartTimeUnixNano()) / 1_000_000;
            assertTrue(blockedMs >= 2000 && blockedMs <= 3000, "the span covers the time the join blocked: " + blockedMs + " ms");
            assertEquals(blockedMs, (long) joined.get("faasguard.blocked_ms"), 1);
            assertTrue(join.getStartTimeUnixNano() >= timedOut.getStartTimeUnixNano());
            assertTrue(childrenOf(collector, timedOut).stream().anyMatch(s -> s.getName().equals("faasguard.deadline-exceeded")));

            Metric blocked = Otlp.latest(collector.metrics(), "faasguard.blocked.duration");
            assertNotNull(blocked, "faasguard.blocked.duration exported before the kill");
            assertEquals("s", blocked.getUnit());
            var point = blocked.getHistogram().getDataPoints(0);
            assertEquals("join", attributes(point.getAttributesList()).get("operation"));
            assertTrue(point.getSum() >= 2.0, "blocked seconds: " + point.getSum());
            Map<List<Object>, Long> invocations = counts(Otlp.latest(collector.metrics(), "faasguard.invocations"));
            assertEquals(1L, invocations.get(List.of(false, "timeout")), String.valueOf(invocations));
        }
    }

    /**
     * SnapStart: the finding made at the checkpoint is exported before the snapshot, over connections closed once
     * answered (none of the agent's is in the snapshot); after the restore connections are kept alive again, and the
     * restore is counted.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void underSnapStartTheExportLeavesNoConnectionInTheSnapshotAndCountsTheRestore(Path jdk) throws Exception {
        try (OtlpReceiver collector = OtlpReceiver.start(OtlpReceiver.Transport.HTTP)) {
            couponsUnderSnapStart(jdk, collector, OtlpReceiver.Transport.HTTP);

            List<String> connections = collector.connectionHeaders();
            int beforeRestore = connections.lastIndexOf("close") + 1;
            assertTrue(beforeRestore > 0, "the checkpoint's export: " + connections);
            assertEquals(List.of(), connections.subList(0, beforeRestore).stream().filter(c -> !c.equals("close")).toList(),
                    "every export from the checkpoint on closes its connection: " + connections);
            assertTrue(connections.size() > beforeRestore && connections.subList(beforeRestore, connections.size())
                    .stream().allMatch(c -> c.equals("keep-alive")), "kept alive again after the restore: " + connections);
        }
    }

    /**
     * The same over OTLP/gRPC: the exporter's connections to the collector are closed after the checkpoint's export
     * and before the snapshot, none stays open across it, and after the restore the exporter connects again and
     * nothing is lost: the finding made at the checkpoint, both invocations and the restore's count all arrive.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void overGrpcTheExportClosesItsConnectionsBeforeTheSnapshotAndConnectsAgainAfterTheRestore(Path jdk)
            throws Exception {
        try (OtlpReceiver collector = OtlpReceiver.start(OtlpReceiver.Transport.GRPC)) {
            String log = couponsUnderSnapStart(jdk, collector, OtlpReceiver.Transport.GRPC);

            List<String> events = collector.grpcEvents();
            int checkpoint = firstIndex(events, 0, e -> e.contains("faasguard.connection-across-snapshot"));
            int restored = firstIndex(events, checkpoint, e -> e.startsWith("traces:") && e.contains(FUNCTION));
            assertTrue(checkpoint >= 0 && restored > checkpoint, "the checkpoint's export, then the restored "
                    + "invocations': " + events);
            int open = 0;
            int leastOpenBetween = Integer.MAX_VALUE;
            for (int i = 0; i < restored; i++) {
                open += events.get(i).equals("open") ? 1 : events.get(i).equals("closed") ? -1 : 0;
                if (i > checkpoint) {
                    leastOpenBetween = Math.min(leastOpenBetween, open);
                }
            }
            assertEquals(0, leastOpenBetween, "every connection closed between the checkpoint's export and the "
                    + "restored invocations' (which came over a new one): " + events);
            assertEquals(2, collector.allSpans().stream().filter(s -> s.span().getName().equals(FUNCTION)).count(),
                    "both invocations after the restore: " + events + "\n" + log);
        }
    }

    /**
     * The coupon handler under SnapStart, exporting to {@code collector}: two invocations after the restore, each a
     * success; the finding made at the checkpoint and the restore's count have arrived.
     *
     * @return the function's log
     */
    private static String couponsUnderSnapStart(Path jdk, OtlpReceiver collector, OtlpReceiver.Transport transport)
            throws Exception {
        try (PriceService prices = PriceService.start();
                LambdaSim sim = LambdaRun.start(jdk, CouponHandler.class, Duration.ofSeconds(5),
                        builder -> exportingTo(builder, collector, transport)
                                .env("PRICE_SERVICE", prices.address()).snapStart(Duration.ofMillis(500)))) {
            List<InvocationResult> results = sim.run(List.of("{\"sku\":\"A-1\"}".getBytes(),
                    "{\"sku\":\"B-2\"}".getBytes()));
            String log = LambdaRun.describe(results);
            assertEquals(List.of(Outcome.SUCCESS, Outcome.SUCCESS),
                    results.stream().map(InvocationResult::outcome).toList(), log);
            assertTrue(collector.allSpans().stream().anyMatch(
                    s -> s.span().getName().equals("faasguard.connection-across-snapshot")), log);
            Metric restores = Otlp.latest(collector.metrics(), "faasguard.restores");
            assertNotNull(restores, "faasguard.restores exported");
            assertEquals("{restore}", restores.getUnit());
            assertEquals(1L, restores.getSum().getDataPoints(0).getAsInt(), "one restore in this environment");
            return log;
        }
    }

    /** The index of the first event from {@code from} on that matches, or -1. */
    private static int firstIndex(List<String> events, int from, Predicate<String> match) {
        for (int i = Math.max(from, 0); i < events.size(); i++) {
            if (match.test(events.get(i))) {
                return i;
            }
        }
        return -1;
    }

    static LambdaSim.Builder exportingTo(LambdaSim.Builder builder, OtlpReceiver collector, OtlpReceiver.Transport transport) {
        return builder.functionName(FUNCTION).region(REGION).memoryMb(MEMORY_MB)
                .env("OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint())
                .env("OTEL_EXPORTER_OTLP_PROTOCOL", transport == OtlpReceiver.Transport.HTTP ? "http/protobuf" : "grpc")
                .env("OTEL_TRACES_EXPORTER", "otlp")
                .env("OTEL_METRICS_EXPORTER", "otlp");
    }

    private static void assertResource(Map<String, Object> resource, String log) {
        assertEquals(FUNCTION, resource.get("service.name"), "service.name defaults to the function name");
        assertEquals("aws", resource.get("cloud.provider"));
        assertEquals("aws_lambda", resource.get("cloud.platform"));
        assertEquals(REGION, resource.get("cloud.region"));
        assertEquals(FUNCTION, resource.get("faas.name"));
        assertEquals("$LATEST", resource.get("faas.version"));
        assertTrue(String.valueOf(resource.get("faas.instance")).matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST\\]\\w+"),
                "faas.instance is the log stream: " + resource.get("faas.instance"));
        assertEquals(MEMORY_MB * 1024L * 1024L, resource.get("faas.max_memory"));
    }

    private static void assertMetrics(OtlpReceiver collector, List<InvocationResult> results) {
        Map<String, String> units = Map.of("faasguard.findings", "{finding}", "faasguard.invocations", "{invocation}",
                "faasguard.invocation.duration", "s", "faasguard.tmp.usage", "By", "faasguard.tmp.capacity", "By",
                "faasguard.tmp.growth", "By");
        units.forEach((name, unit) -> {
            Metric metric = Otlp.latest(collector.metrics(), name);
            assertNotNull(metric, name + " exported");
            assertEquals(unit, metric.getUnit(), name);
        });
        Set<String> scopes = collector.metrics().stream().flatMap(resource -> resource.getScopeMetricsList().stream())
                .map(scope -> scope.getScope().getName()).collect(Collectors.toSet());
        assertEquals(Set.of("dev.faasguard"), scopes, "the agent's metrics only, none of the SDK's own about its exporters");
        Map<List<Object>, Long> invocations = counts(Otlp.latest(collector.metrics(), "faasguard.invocations"));
        assertEquals(Map.of(List.of(true, "success"), 1L, List.of(false, "success"), 2L, List.of(false, "error"), 1L),
                invocations, "faasguard.invocations by coldstart and outcome");
        assertEquals(results.size(), Otlp.latest(collector.metrics(), "faasguard.invocation.duration").getHistogram()
                .getDataPointsList().stream().mapToLong(p -> p.getCount()).sum());
        assertEquals(results.size(), Otlp.latest(collector.metrics(), "faasguard.tmp.growth").getHistogram()
                .getDataPoints(0).getCount());
        assertEquals(64L * 1024 * 1024, Otlp.latest(collector.metrics(), "faasguard.tmp.capacity").getGauge()
                .getDataPoints(0).getAsInt());
        assertTrue(Otlp.latest(collector.metrics(), "faasguard.tmp.usage").getGauge().getDataPoints(0).getAsInt() > 0);
        List<Map<String, Object>> findings = Otlp.latest(collector.metrics(), "faasguard.findings").getSum()
                .getDataPointsList().stream().map(p -> attributes(p.getAttributesList())).toList();
        assertTrue(findings.stream().anyMatch(f -> f.get("rule").equals("tmp-growth") && f.get("severity").equals("warning")
                && f.get("code.line.number").equals((long) split.get("page"))), String.valueOf(findings));
    }

    /** A counter's points by (coldstart, outcome). */
    private static Map<List<Object>, Long> counts(Metric counter) {
        Map<List<Object>, Long> counts = new HashMap<>();
        for (NumberDataPoint point : counter.getSum().getDataPointsList()) {
            Map<String, Object> attributes = attributes(point.getAttributesList());
            counts.put(List.of(attributes.get("coldstart"), attributes.get("outcome")), point.getAsInt());
        }
        return counts;
    }

    /** The span of the invocation with this request id, or null when it is not at the collector. */
    static ReceivedSpan invocationSpan(OtlpReceiver collector, String requestId) {
        for (ReceivedSpan received : collector.allSpans()) {
            if (requestId.equals(attributes(received.span().getAttributesList()).get("faas.invocation_id"))) {
                return received;
            }
        }
        return null;
    }

    /** The spans whose parent is {@code parent}: none of them an invocation's. */
    static List<Span> childrenOf(OtlpReceiver collector, Span parent) {
        List<Span> children = new ArrayList<>();
        for (ReceivedSpan received : collector.allSpans()) {
            Span span = received.span();
            if (span.getTraceId().equals(parent.getTraceId()) && span.getParentSpanId().equals(parent.getSpanId())) {
                children.add(span);
            }
        }
        assertFalse(children.stream().anyMatch(s -> s.getKind() == Span.SpanKind.SPAN_KIND_SERVER));
        return children;
    }
}
