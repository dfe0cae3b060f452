package com.example.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.documents.DocumentSplitHandler;
import com.example.documents.LambdaRun;
import com.fasterxml.jackson.databind.JsonNode;
import dev.faasguard.lambdasim.InvocationResult;
import dev.faasguard.lambdasim.LambdaSim;
import dev.faasguard.lambdasim.Outcome;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A collector that is down, slow or refusing never costs an invocation more than the flush bound
 * ({@code faasguard.flush.timeout}), never fails it, and is logged once with its reason, then counted.
 */
class CollectorTroubleIT {

    private static final long FLUSH_BOUND_MS = 400;
    /** What an invocation of the small document takes on its own, and lambda-sim's overhead, with room to spare. */
    private static final long HANDLER_ALLOWANCE_MS = 350;
    private static final String SMALL_DOCUMENT = "{\"document\":\"invoice.pdf\",\"pages\":1,\"pageKiB\":4}";
    private static final Pattern FAILURE_LOG = Pattern.compile("OpenTelemetry export of \\w+ to \\S+ failed: ");

    static Stream<Path> jdks() {
        return LambdaRun.jdks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aCollectorThatIsDownIsLoggedOnceAndCostsNoMoreThanTheBound(Path jdk) throws Exception {
        String nobodyListens;
        try (ServerSocket closed = new ServerSocket(0)) {
            nobodyListens = "http://127.0.0.1:" + closed.getLocalPort();
        }
        try (LambdaSim sim = start(jdk, nobodyListens)) {
            List<InvocationResult> results = invokeUntilLogged(sim);
            assertWithinBound(results);
            String stderr = allStderr(results);
            assertEquals(1, count(FAILURE_LOG, stderr), "logged once:\n" + stderr);
            assertTrue(stderr.contains("Failed to connect") || stderr.contains("Connection refused")
                    || stderr.contains("ConnectException"), "the reason is given:\n" + stderr);
            JsonNode telemetry = LambdaRun.report(results.get(results.size() - 1)).get("telemetry");
            assertTrue(telemetry.get("failedExports").asLong() >= 1, telemetry.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aSlowCollectorCostsNoMoreThanTheBoundAndStillGetsTheSpans(Path jdk) throws Exception {
        try (OtlpReceiver collector = OtlpReceiver.start(OtlpReceiver.Transport.HTTP)) {
            collector.delay(Duration.ofSeconds(2));
            try (LambdaSim sim = start(jdk, collector.endpoint())) {
                List<InvocationResult> results = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    results.add(sim.invoke(SMALL_DOCUMENT));
                }
                assertWithinBound(results);
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (collector.allSpans().stream().noneMatch(s -> s.span().getKind()
                        == io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER) && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertTrue(collector.allSpans().size() > 0, "the slow collector still gets the spans, later");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aCollectorThatRefusesEveryExportIsLoggedOnce(Path jdk) throws Exception {
        try (OtlpReceiver collector = OtlpReceiver.start(OtlpReceiver.Transport.HTTP)) {
            collector.fail(true);
            try (LambdaSim sim = start(jdk, collector.endpoint())) {
                List<InvocationResult> results = invokeUntilLogged(sim);
                assertWithinBound(results);
                String stderr = allStderr(results);
                assertEquals(1, count(FAILURE_LOG, stderr), "logged once:\n" + stderr);
                assertTrue(stderr.contains("503"), "the reason is given:\n" + stderr);
            }
        }
    }

    private static LambdaSim start(Path jdk, String endpoint) throws Exception {
        return LambdaRun.start(jdk, DocumentSplitHandler.class, Duration.ofSeconds(10), builder -> builder
                .env("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint)
                .env("FAASGUARD_FLUSH_TIMEOUT", FLUSH_BOUND_MS + "ms"));
    }

    /** Invokes, a little apart, until the failure is logged (the exporter retries first), and a few more times. */
    private static List<InvocationResult> invokeUntilLogged(LambdaSim sim) throws Exception {
        List<InvocationResult> results = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        int after = -1;
        while (System.nanoTime() < deadline && (after < 0 || results.size() < after + 3)) {
            results.add(sim.invoke(SMALL_DOCUMENT));
            if (after < 0 && FAILURE_LOG.matcher(allStderr(results)).find()) {
                after = results.size();
            }
            Thread.sleep(300);
        }
        assertTrue(after > 0, "the failure was never logged:\n" + LambdaRun.describe(results));
        return results;
    }

    private static void assertWithinBound(List<InvocationResult> results) {
        String log = LambdaRun.describe(results);
        for (InvocationResult result : results) {
            assertEquals(Outcome.SUCCESS, result.outcome(), log);
            if (!result.coldStart()) {
                assertTrue(result.duration().toMillis() <= FLUSH_BOUND_MS + HANDLER_ALLOWANCE_MS,
                        "invocation #" + result.number() + " took " + result.duration().toMillis() + " ms, more than the "
                                + FLUSH_BOUND_MS + " ms flush bound allows\n" + log);
            }
        }
    }

    private static String allStderr(List<InvocationResult> results) {
        StringBuilder all = new StringBuilder();
        results.forEach(r -> all.append(r.stderr()));
        return all.toString();
    }

    private static int count(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
