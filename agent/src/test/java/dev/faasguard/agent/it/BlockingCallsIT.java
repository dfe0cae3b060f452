package dev.faasguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.blocking.BlockingApis;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The *-without-timeout rules end to end: each API fires at its line when it really blocks, and only then. */
class BlockingCallsIT {

    private static final Map<String, String> RULE = Map.ofEntries(
            Map.entry("joinNoTimeout", "join-without-timeout"),
            Map.entry("joinZero", "join-without-timeout"),
            Map.entry("socketConstructor", "connect-without-timeout"),
            Map.entry("socketConnect", "connect-without-timeout"),
            Map.entry("socketConnectZero", "connect-without-timeout"),
            Map.entry("socketChannelOpen", "connect-without-timeout"),
            Map.entry("socketRead", "read-without-timeout"),
            Map.entry("httpUrlConnection", "http-without-timeout"),
            Map.entry("httpUrlConnectionNoReadTimeout", "http-without-timeout"),
            Map.entry("httpClientSend", "http-without-timeout"),
            Map.entry("httpClientSendNoRequestTimeout", "http-without-timeout"),
            Map.entry("httpClientSendAsync", "http-without-timeout"),
            Map.entry("futureTaskGet", "wait-without-timeout"),
            Map.entry("completableFutureGet", "wait-without-timeout"),
            Map.entry("completableFutureJoin", "wait-without-timeout"),
            Map.entry("latchAwait", "wait-without-timeout"),
            Map.entry("barrierAwait", "wait-without-timeout"),
            Map.entry("processWaitFor", "wait-without-timeout"),
            Map.entry("urlOpenStream", "http-without-timeout"),
            Map.entry("executorInvokeAll", "wait-without-timeout"));

    /** Calls whose waiting is the peer's or the thread's {@link BlockingApis#WAIT_MS}, so blockedMs must show it. */
    private static final List<String> WAITS_THE_FULL_TIME = List.of("joinNoTimeout", "joinZero", "socketRead",
            "httpUrlConnection", "httpUrlConnectionNoReadTimeout", "httpClientSend", "httpClientSendNoRequestTimeout",
            "futureTaskGet", "completableFutureGet", "completableFutureJoin", "latchAwait", "barrierAwait",
            "processWaitFor", "urlOpenStream", "executorInvokeAll");

    private static SourceLines lines;

    @BeforeAll
    static void readMarkers() throws IOException {
        lines = new SourceLines(BlockingApis.class);
        assertEquals(BlockingApis.FIRES.size(), RULE.size());
    }

    static Stream<Path> jdks() {
        return ChildJvm.jdks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void eachCallThatReallyBlocksFiresOnceAtItsLineWithHowLongItBlocked(Path jdk) throws Exception {
        ChildJvm.Result result = run(ChildJvm.on(jdk));

        assertEquals(0, result.exitCode(), result::toString);
        for (String api : BlockingApis.FIRES) {
            List<JsonNode> findings = result.findingsIn(api);
            assertEquals(1, findings.size(), () -> api + " is exactly one finding\n" + result);
            JsonNode finding = findings.get(0);
            assertEquals(RULE.get(api), finding.get("rule").asText(), api);
            assertEquals(1, finding.get("count").asLong(), api);
            assertEquals(BlockingApis.class.getName(), finding.at("/callSite/class").asText(), api);
            assertEquals(lines.of(api), finding.at("/callSite/line").asInt(), api + " points at its line");
            long blocked = finding.at("/detail/blockedMs").asLong(-1);
            if (WAITS_THE_FULL_TIME.contains(api)) {
                assertTrue(blocked >= BlockingApis.WAIT_MS - 60 && blocked < BlockingApis.WAIT_MS + 2_000,
                        api + " blocked about " + BlockingApis.WAIT_MS + " ms, reported " + blocked);
            } else {
                assertTrue(blocked >= 0 && blocked < 2_000, api + " reported " + blocked);
            }
            assertFalse(finding.get("fix").asText().isBlank(), api);
        }
        for (String quiet : BlockingApis.QUIET) {
            assertEquals(List.of(), result.findingsIn(quiet), () -> quiet + " must not fire\n" + result);
        }
        assertEquals(BlockingApis.FIRES.size(), result.findings().size(),
                "nothing else: no finding for JDK-internal waits (System.exit, HttpServer.stop)\n" + result);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void anHttpCallIsOneFindingWithWhatIsMissingAndARedactedUrl(Path jdk) throws Exception {
        ChildJvm.Result result = run(ChildJvm.on(jdk), "httpUrlConnection", "httpUrlConnectionNoReadTimeout",
                "httpClientSendNoRequestTimeout");

        assertEquals(3, result.findings().size(), "no connect or read finding for the HTTP calls' sockets\n" + result);
        JsonNode plain = result.findingsIn("httpUrlConnection").get(0);
        assertEquals("[\"connectTimeout\",\"readTimeout\"]", plain.at("/detail/missing").toString());
        String url = plain.at("/detail/url").asText();
        assertTrue(url.matches("http://127\\.0\\.0\\.1:\\d+/slow"), "no query string: " + url);
        assertEquals("[\"readTimeout\"]",
                result.findingsIn("httpUrlConnectionNoReadTimeout").get(0).at("/detail/missing").toString());
        assertEquals("[\"requestTimeout\"]",
                result.findingsIn("httpClientSendNoRequestTimeout").get(0).at("/detail/missing").toString());
        assertFalse(result.stderr().contains("secret"), "the query string is never printed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theIgnoreListSilencesKnownCallSitesAndTheReportCountsThem(Path jdk) throws Exception {
        String ignore = "join-without-timeout@" + BlockingApis.class.getName() + "#joinNoTimeout,"
                + "wait-without-timeout@com.example.,"
                + "*@" + BlockingApis.class.getName() + "#socketRead";
        ChildJvm.Result result = run(ChildJvm.on(jdk).property("faasguard.ignore", ignore),
                "joinNoTimeout", "joinZero", "latchAwait", "futureTaskGet", "socketRead");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(1, result.findings().size(), result::toString);
        assertEquals("joinZero", result.findings().get(0).at("/callSite/method").asText());
        JsonNode ignored = result.report().get("ignored");
        assertEquals(3, ignored.size(), ignored::toPrettyString);
        assertEquals(1, count(ignored, "join-without-timeout"));
        assertEquals(2, count(ignored, "wait-without-timeout"));
        assertEquals(1, count(ignored, "read-without-timeout"));
        assertFalse(result.stderr().contains("joinNoTimeout"), "ignored call sites are not printed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aBadIgnoreEntryWarnsAndIgnoresNothing(Path jdk) throws Exception {
        ChildJvm.Result result = run(ChildJvm.on(jdk).property("faasguard.ignore", "no-such-rule@com.example."),
                "joinNoTimeout");

        assertEquals(1, result.findings().size(), result::toString);
        assertTrue(result.stderr().contains("invalid value 'no-such-rule@com.example.' for faasguard.ignore"),
                result.stderr());
    }

    private static long count(JsonNode ignored, String rule) {
        long total = 0;
        for (JsonNode row : ignored) {
            if (row.get("rule").asText().equals(rule)) {
                total += row.get("count").asLong();
            }
        }
        return total;
    }

    /** Runs the app with a port of its own as the platform's Runtime API, as on Lambda. */
    private static ChildJvm.Result run(ChildJvm jvm, String... methods) throws Exception {
        int runtimeApiPort;
        try (ServerSocket free = new ServerSocket(0)) {
            runtimeApiPort = free.getLocalPort();
        }
        String[] arguments = Stream.concat(Stream.of(String.valueOf(runtimeApiPort)), Stream.of(methods))
                .toArray(String[]::new);
        return jvm.env("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + runtimeApiPort)
                .run(BlockingApis.class.getName(), arguments);
    }
}
