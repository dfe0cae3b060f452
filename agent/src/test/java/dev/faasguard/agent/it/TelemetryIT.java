package dev.faasguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.telemetry.TelemetryApp;
import com.example.writes.WriteApis;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OpenTelemetry export outside any invocation: with the exporter that needs no collector, logging-otlp
 * (OTLP JSON lines on stdout), and over OTLP/HTTP to a local collector. And the default: nothing
 * configured, nothing of OpenTelemetry loaded.
 */
class TelemetryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private Path outside;
    private SourceLines lines;

    @BeforeEach
    void directory() throws IOException {
        outside = Files.createDirectories(Path.of("/var/tmp", "faasguard-it-" + UUID.randomUUID()));
        lines = new SourceLines(TelemetryApp.class);
    }

    @AfterEach
    void cleanUp() throws IOException {
        WriteApis.deleteTree(outside);
    }

    static Stream<Path> jdks() {
        return ChildJvm.jdks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void withNothingConfiguredNoOpenTelemetryClassIsLoaded(Path jdk) throws Exception {
        Path classLog = outside.resolve("classes.log");
        ChildJvm.Result result = ChildJvm.on(jdk).property("faasguard.report", "off")
                .option("-Xlog:class+load=info:file=" + classLog)
                .run(TelemetryApp.class.getName(), outside.toString());
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("done", result.stdout().strip(), "nothing exported on stdout");
        String loaded = Files.readString(classLog);
        assertTrue(loaded.contains("dev.faasguard.agent.AgentRuntime"), "the agent ran");
        assertFalse(loaded.contains("shaded.io.opentelemetry") || loaded.contains("shaded.okhttp3"),
                "no OpenTelemetry or OkHttp class loaded without an exporter configured");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void loggingOtlpWritesSpansAndMetricsAsOtlpJsonLines(Path jdk) throws Exception {
        ChildJvm.Result result = ChildJvm.on(jdk).property("faasguard.report", "off")
                .env("OTEL_TRACES_EXPORTER", "logging-otlp").env("OTEL_METRICS_EXPORTER", "logging-otlp")
                .env("OTEL_SERVICE_NAME", "checkout")
                .run(TelemetryApp.class.getName(), outside.toString());
        assertEquals(0, result.exitCode(), result.toString());
        List<JsonNode> exports = new ArrayList<>();
        for (String line : result.stdout().split("\n")) {
            if (!line.equals("done")) {
                exports.add(JSON.readTree(line));
            }
        }
        List<JsonNode> spans = new ArrayList<>();
        JsonNode findings = null;
        for (JsonNode export : exports) {
            for (JsonNode resource : export.path("resourceSpans")) {
                assertEquals("checkout", attribute(resource.path("resource").path("attributes"), "service.name").asText());
                resource.path("scopeSpans").forEach(scope -> scope.path("spans").forEach(spans::add));
            }
            for (JsonNode resource : export.path("resourceMetrics")) {
                for (JsonNode scope : resource.path("scopeMetrics")) {
                    for (JsonNode metric : scope.path("metrics")) {
                        if (metric.path("name").asText().equals("faasguard.findings")) {
                            findings = metric;
                        }
                    }
                }
            }
        }
        List<JsonNode> writes = spans.stream().filter(s -> s.path("name").asText().equals("faasguard.write-outside-tmp")).toList();
        assertEquals(1, writes.size(), "one span for a hundred writes from one line: " + spans);
        JsonNode write = writes.get(0);
        assertEquals(lines.of("write"), attribute(write.path("attributes"), "code.line.number").asInt());
        assertEquals(outside.resolve("out.txt").toString(), attribute(write.path("attributes"), "file.path").asText());
        assertTrue(write.path("parentSpanId").asText("").isEmpty(), "outside any invocation, a root span");

        JsonNode join = spans.stream().filter(s -> s.path("name").asText().equals("faasguard.join-without-timeout"))
                .findFirst().orElseThrow(() -> new AssertionError("no join span: " + spans));
        long blockedMs = (join.path("endTimeUnixNano").asLong() - join.path("startTimeUnixNano").asLong()) / 1_000_000;
        assertTrue(blockedMs >= 150 && blockedMs < 2000, "the span covers the 200 ms the join blocked: " + blockedMs);
        assertEquals(lines.of("join"), attribute(join.path("attributes"), "code.line.number").asInt());

        assertTrue(findings != null, "faasguard.findings exported: " + result.stdout());
        boolean hundred = false;
        for (JsonNode point : findings.path("sum").path("dataPoints")) {
            if (attribute(point.path("attributes"), "rule").asText().equals("write-outside-tmp")) {
                hundred = point.path("asInt").asLong() == 100;
            }
        }
        assertTrue(hundred, "100 writes counted exactly: " + findings);
        assertFalse(result.stderr().contains("INFO:") || result.stderr().contains("WARNING:") || result.stderr().contains("SEVERE:"),
                "nothing of the SDK's own logging on stderr:\n" + result.stderr());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void otlpOverHttpGoesThroughTheJdkWithoutOkHttpAndIsNeverAFinding(Path jdk) throws Exception {
        Path classLog = outside.resolve("classes.log");
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " " + (body.length > 0));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        try {
            ChildJvm.Result result = ChildJvm.on(jdk).property("faasguard.report", "off")
                    .env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getAddress().getPort())
                    .option("-Xlog:class+load=info:file=" + classLog)
                    .run(TelemetryApp.class.getName(), outside.toString());
            assertEquals(0, result.exitCode(), result.toString());
            assertTrue(received.contains("POST /v1/traces application/x-protobuf true"), "spans exported: " + received);
            assertTrue(received.contains("POST /v1/metrics application/x-protobuf true"), "metrics exported: " + received);
            String loaded = Files.readString(classLog);
            assertTrue(loaded.contains("sun.net.www.protocol.http.HttpURLConnection"), "sent with the JDK's HTTP client");
            assertFalse(loaded.contains("shaded.okhttp3") || loaded.contains("shaded.kotlin"),
                    "neither OkHttp nor Kotlin loaded for OTLP over HTTP");
            for (String rule : List.of("connect-without-timeout", "read-without-timeout", "http-without-timeout")) {
                assertFalse(result.stderr().contains(rule), "the agent's own export traffic is no finding:\n" + result.stderr());
            }
            assertTrue(result.stderr().contains("write-outside-tmp"), "the application's findings are still logged");
        } finally {
            collector.stop(0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void settingsMeantForTheApplicationsOwnOpenTelemetryLeaveTheAgentsExportOn(Path jdk) throws Exception {
        // What the AWS Distro for OpenTelemetry's Lambda layer sets for the application's SDK.
        ChildJvm.Result result = ChildJvm.on(jdk).property("faasguard.report", "off")
                .env("OTEL_TRACES_EXPORTER", "logging-otlp").env("OTEL_METRICS_EXPORTER", "logging-otlp")
                .env("OTEL_PROPAGATORS", "tracecontext,baggage,xray").env("OTEL_LOGS_EXPORTER", "otlp")
                .run(TelemetryApp.class.getName(), outside.toString());
        assertEquals(0, result.exitCode(), result.toString());
        assertFalse(result.stderr().contains("OpenTelemetry export is off"), result.stderr());
        assertTrue(result.stdout().contains("faasguard.write-outside-tmp"), "spans exported: " + result.stdout());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aSamplerTheAgentDoesNotBundleIsSaidOnceAndTheDefaultSamples(Path jdk) throws Exception {
        ChildJvm.Result result = ChildJvm.on(jdk).property("faasguard.report", "off")
                .env("OTEL_TRACES_EXPORTER", "logging-otlp").env("OTEL_TRACES_SAMPLER", "xray")
                .run(TelemetryApp.class.getName(), outside.toString());
        assertEquals(0, result.exitCode(), result.toString());
        assertFalse(result.stderr().contains("OpenTelemetry export is off"), result.stderr());
        assertEquals(1, result.stderr().split("a sampler the agent does not bundle", -1).length - 1, result.stderr());
        assertTrue(result.stderr().contains("\"xray\"") && result.stderr().contains("parentbased_always_on"),
                "names the value and what the agent samples with instead:\n" + result.stderr());
        assertTrue(result.stdout().contains("faasguard.write-outside-tmp"), "spans exported: " + result.stdout());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aBadOpenTelemetrySettingIsOneClearErrorAndTheApplicationRunsOn(Path jdk) throws Exception {
        ChildJvm.Result result = ChildJvm.on(jdk).property("faasguard.report", "off")
                .env("OTEL_TRACES_EXPORTER", "carrier-pigeon")
                .run(TelemetryApp.class.getName(), outside.toString());
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("done", result.stdout().strip());
        assertEquals(1, result.stderr().split("OpenTelemetry export is off", -1).length - 1, result.stderr());
        assertTrue(result.stderr().contains("carrier-pigeon"), "names the bad value:\n" + result.stderr());
        assertTrue(result.stderr().contains("write-outside-tmp"), "the findings are still logged");
    }

    private static JsonNode attribute(JsonNode attributes, String key) {
        for (JsonNode attribute : attributes) {
            if (attribute.path("key").asText().equals(key)) {
                JsonNode value = attribute.path("value");
                return value.elements().hasNext() ? value.elements().next() : value;
            }
        }
        throw new AssertionError("no attribute " + key + " in " + attributes);
    }
}
