package com.example.field.clients;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faasguard.field.FieldRun;
import dev.faasguard.field.FieldRun.Run;
import dev.faasguard.lambdasim.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The clients function (Apache HttpClient 4.5, OkHttp 5, Jackson) under lambda-sim, each handler once without and
 * once with the agent: a cold start and two warm invocations. For every handler the outcomes must be the same
 * with and without the agent; a twin must have no finding at all; a sinner must have exactly its planted findings,
 * each at the function's own marked line ({@code // field: <marker>}), with the library frame that did the I/O in
 * {@code detail.via}, and a count equal to the number of times the mistake happened (three: once per invocation).
 */
class ClientsFunctionIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** OkHttp's packages: its own and Okio's, the I/O library it is built on and ships with. */
    private static final List<String> OKHTTP = List.of("okhttp3.", "okio.");
    private static final Set<String> NO_TIMEOUT = Set.of("connect-without-timeout", "read-without-timeout");
    /** A stack trace frame: {@code pkg.Class.method(File.java:42)} (or {@code File.kt:42}: OkHttp is Kotlin). */
    private static final Pattern FRAME = Pattern.compile("[\\w$.]+\\.[\\w$<>]+\\([\\w$]+\\.(java|kt):\\d+\\)");

    private static final List<String> SKUS = List.of("A-100", "B-200", "C-300");
    private static final List<String> STOCK_EVENTS = SKUS.stream().map(s -> "{\"sku\":\"" + s + "\"}").toList();
    private static final List<String> ORDER_EVENTS = List.of(
            "{\"orderId\":\"o-17\",\"lines\":[{\"sku\":\"A-100\",\"quantity\":2,\"unitPrice\":3.5},"
                    + "{\"sku\":\"C-300\",\"quantity\":1,\"unitPrice\":12.25}]}",
            "{\"orderId\":\"o-18\",\"lines\":[{\"sku\":\"B-200\",\"quantity\":4,\"unitPrice\":1.75}]}",
            "{\"orderId\":\"o-19\",\"lines\":[{\"sku\":\"A-100\",\"quantity\":1,\"unitPrice\":3.5},"
                    + "{\"sku\":\"B-200\",\"quantity\":1,\"unitPrice\":1.75},"
                    + "{\"sku\":\"C-300\",\"quantity\":3,\"unitPrice\":12.25}]}");
    private static final List<String> ORDER_TOTALS = List.of("19.25", "7.00", "42.00");
    /** The sizes of Jackson's output for the three orders: the compact summary, the pretty-printed details. */
    private static final List<Integer> SUMMARY_BYTES = List.of(52, 51, 52);
    private static final List<Integer> DETAILS_BYTES = List.of(224, 132, 316);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static StockService stock;

    @BeforeAll
    static void startStockService() throws IOException {
        stock = new StockService();
    }

    @AfterAll
    static void stopStockService() {
        if (stock != null) {
            stock.close();
        }
    }

    // ---------------------------------------------------------------- Apache HttpClient 4.5

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.faasguard.field.FieldRun#jdks")
    void apacheClientWithoutTimeoutsIsFoundAtExecute(Path jdk) throws IOException {
        Runs runs = runBoth(jdk, ApacheStockHandler.class, true, STOCK_EVENTS);
        String line = FieldRun.frame(ApacheStockHandler.class, "handleRequest", "apache-execute");
        assertAll(runs.sameOutcomes(stockAnswers("apache-httpclient")),
                noTimeoutFindingsAt(runs.watched, line, List.of("org.apache.http."), SKUS.size(),
                        "setConnectTimeout", "setSocketTimeout"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.faasguard.field.FieldRun#jdks")
    void apacheClientWithRequestConfigTimeoutsIsQuiet(Path jdk) throws IOException {
        Runs runs = runBoth(jdk, ApacheStockFixedHandler.class, false, STOCK_EVENTS);
        assertAll(runs.sameOutcomes(stockAnswers("apache-httpclient")), noFindings(runs.watched));
    }

    // ---------------------------------------------------------------- OkHttp

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.faasguard.field.FieldRun#jdks")
    void okHttpWithTimeoutsDisabledIsFoundAtExecute(Path jdk) throws IOException {
        Runs runs = runBoth(jdk, OkHttpStockHandler.class, true, STOCK_EVENTS);
        String line = FieldRun.frame(OkHttpStockHandler.class, "handleRequest", "okhttp-execute");
        Run watched = runs.watched;
        List<JsonNode> onTaskRunner = watched.findings("connect-without-timeout").stream()
                .filter(f -> f.get("callSite").get("class").asText().startsWith("okhttp3.")).toList();
        List<Executable> checks = new ArrayList<>(List.of(runs.sameOutcomes(stockAnswers("okhttp")),
                () -> assertEquals(1, watched.findings("read-without-timeout").size(),
                        "the read with no timeout, at the application's line:\n" + watched.summary()),
                noTimeoutFindingsAt(watched.without(onTaskRunner), line, OKHTTP, SKUS.size(), "connectTimeout",
                        "readTimeout")));
        // OkHttp 5 connects on its own task-runner thread (fast fallback), where no application frame is on the
        // stack: that connect is reported at OkHttp's frame, with OkHttp's settings as the fix.
        for (JsonNode connect : onTaskRunner) {
            checks.add(() -> assertEquals(SKUS.size(), connect.get("count").asLong(), connect.toPrettyString()));
            checks.add(() -> assertEquals("OkHttp", connect.path("detail").path("library").asText(),
                    connect.toPrettyString()));
            checks.add(() -> assertTrue(text(connect).contains("connectTimeout"), connect.toPrettyString()));
        }
        assertAll(checks);
    }

    /** OkHttp's defaults (10 s) fit the 15 s function; its idle TaskRunner and pooled connection are no work. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.faasguard.field.FieldRun#jdks")
    void okHttpWithDefaultTimeoutsIsQuiet(Path jdk) throws IOException {
        Runs runs = runBoth(jdk, OkHttpStockFixedHandler.class, false, STOCK_EVENTS);
        assertAll(runs.sameOutcomes(stockAnswers("okhttp")), noFindings(runs.watched));
    }

    // ---------------------------------------------------------------- Jackson

    /** Two lines writing through the same Jackson call are two findings, each counted once per invocation. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.faasguard.field.FieldRun#jdks")
    void jacksonFilesInTheTaskRootAreTwoFindings(Path jdk) throws IOException {
        Runs runs = runBoth(jdk, ReportHandler.class, false, ORDER_EVENTS);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < ORDER_EVENTS.size(); i++) {
            expected.add(success("{\"orderId\":\"o-" + (17 + i) + "\",\"total\":" + ORDER_TOTALS.get(i)
                    + ",\"summary\":\"not kept: summary.json (Read-only file system)\""
                    + ",\"details\":\"not kept: details.json (Read-only file system)\"}"));
        }
        String summaryLine = FieldRun.frame(ReportHandler.class, "writeSummary", "summary-write");
        String detailsLine = FieldRun.frame(ReportHandler.class, "writeDetails", "details-write");
        Run watched = runs.watched;
        List<Executable> checks = new ArrayList<>(List.of(runs.sameOutcomes(expected),
                () -> assertEquals(2, watched.findings("write-outside-tmp").size(),
                        "one write-outside-tmp finding per application line:\n" + watched.summary()),
                () -> assertEquals(watched.findings("write-outside-tmp").size(), watched.findings().size(),
                        "no finding but write-outside-tmp:\n" + watched.summary())));
        checks.add(writeFindingAt(watched, summaryLine, "/summary.json"));
        checks.add(writeFindingAt(watched, detailsLine, "/details.json"));
        assertAll(checks);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.faasguard.field.FieldRun#jdks")
    void jacksonToTmpAndDeletedOrToAStreamIsQuiet(Path jdk) throws IOException {
        Runs runs = runBoth(jdk, ReportFixedHandler.class, false, ORDER_EVENTS);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < ORDER_EVENTS.size(); i++) {
            expected.add(success("{\"orderId\":\"o-" + (17 + i) + "\",\"total\":" + ORDER_TOTALS.get(i)
                    + ",\"summaryBytes\":" + SUMMARY_BYTES.get(i) + ",\"detailsBytes\":" + DETAILS_BYTES.get(i) + "}"));
        }
        assertAll(runs.sameOutcomes(expected), noFindings(runs.watched));
    }

    // ---------------------------------------------------------------- helpers

    /** A handler run without, then with, the agent. */
    private record Runs(Run plain, Run watched) {

        /** Both runs gave {@code expected}, invocation by invocation. */
        Executable sameOutcomes(List<String> expected) {
            return () -> assertAll(
                    () -> assertEquals(expected, plain.outcomes(), "without the agent:\n" + plain),
                    () -> assertEquals(plain.outcomes(), watched.outcomes(),
                            "the agent changed the outcomes:\n" + plain + "\n" + watched));
        }
    }

    private static Runs runBoth(Path jdk, Class<?> handler, boolean closeEachConnection, List<String> events)
            throws IOException {
        FieldRun.Function function = FieldRun.Function.of(handler.getName() + "::handleRequest", TIMEOUT)
                .env("STOCK_SERVICE_URL", stock.url(closeEachConnection));
        Run plain = FieldRun.run(jdk, function, false, events);
        Run watched = FieldRun.run(jdk, function, true, events);
        // In the test's output (failsafe's report): what the agent said, for the record.
        System.out.println(handler.getSimpleName() + " on " + watched + "\n"
                + watched.report().path("findings").toPrettyString());
        return new Runs(plain, watched);
    }

    private static List<String> stockAnswers(String client) {
        return SKUS.stream().map(sku -> {
            int available = StockService.STOCK.getOrDefault(sku, 0);
            return success("{\"sku\":\"" + sku + "\",\"available\":" + available + ",\"inStock\":"
                    + (available > 0) + ",\"client\":\"" + client + "\"}");
        }).toList();
    }

    /**
     * A successful outcome as {@link Run#outcomes()} shows it: the handler returns a String, which the runtime
     * sends as a JSON string, as Lambda does.
     */
    private static String success(String handlerResult) {
        try {
            return Outcome.SUCCESS + " " + JSON.writeValueAsString(handlerResult);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Executable noFindings(Run watched) {
        return () -> assertEquals(List.of(), watched.findings().stream().map(f -> f.get("rule").asText()).toList(),
                "the correct function must have no finding:\n" + watched);
    }

    /**
     * The sinner's client made its calls with no timeout: connect and/or read findings, nothing else; each at the
     * application's line that called the client, through a frame of the library, once per invocation, and naming
     * the client's own setting to change.
     */
    private static Executable noTimeoutFindingsAt(Run watched, String line, List<String> libraryPackages, int times,
            String connectSetting, String readSetting) {
        List<JsonNode> found = watched.findings().stream().filter(f -> NO_TIMEOUT.contains(f.get("rule").asText()))
                .toList();
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertFalse(found.isEmpty(),
                "a connect-without-timeout or read-without-timeout finding at " + line + ":\n" + watched));
        checks.add(() -> assertEquals(found.size(), watched.findings().size(),
                "no finding but the client's missing timeouts:\n" + watched.summary()));
        for (String rule : NO_TIMEOUT) {
            checks.add(() -> assertTrue(watched.findings(rule).size() <= 1,
                    "one " + rule + " finding for the one application line:\n" + watched.summary()));
        }
        for (JsonNode finding : found) {
            String rule = finding.get("rule").asText();
            String setting = rule.startsWith("connect") ? connectSetting : readSetting;
            checks.add(() -> assertEquals(line, FieldRun.frame(finding.get("callSite")),
                    rule + ": the call site is the application's line:\n" + watched.summary()));
            checks.add(() -> assertVia(finding, libraryPackages));
            checks.add(() -> assertEquals(times, finding.get("count").asLong(),
                    rule + ": once per invocation (each opens its own connection):\n" + watched.summary()));
            checks.add(() -> assertTrue(text(finding).contains(setting),
                    rule + ": the message, fix or detail names the client's setting " + setting + ":\n"
                            + finding.toPrettyString()));
        }
        return () -> assertAll(checks);
    }

    private static Executable writeFindingAt(Run watched, String line, String pathSuffix) {
        return () -> {
            List<JsonNode> at = watched.findings("write-outside-tmp").stream()
                    .filter(f -> FieldRun.frame(f.get("callSite")).equals(line)).toList();
            assertEquals(1, at.size(), "one write-outside-tmp finding at " + line + ":\n" + watched.summary());
            JsonNode finding = at.get(0);
            assertAll(
                    () -> assertEquals(ORDER_EVENTS.size(), finding.get("count").asLong(),
                            "once per invocation:\n" + finding.toPrettyString()),
                    () -> assertVia(finding, List.of("com.fasterxml.jackson.")),
                    () -> assertTrue(finding.path("detail").path("path").asText().endsWith(pathSuffix),
                            "detail.path ends with " + pathSuffix + ":\n" + finding.toPrettyString()),
                    () -> assertEquals("open-for-write", finding.path("detail").path("operation").asText(),
                            finding.toPrettyString()));
        };
    }

    /** {@code detail.via} is a frame of the library that did the I/O (so neither the application's nor the JDK's). */
    private static void assertVia(JsonNode finding, List<String> libraryPackages) {
        String via = finding.path("detail").path("via").asText("");
        assertTrue(libraryPackages.stream().anyMatch(via::startsWith) && FRAME.matcher(via).matches(),
                finding.get("rule").asText() + ": detail.via is a frame of " + libraryPackages + ", was '" + via
                        + "':\n" + finding.toPrettyString());
    }

    private static String text(JsonNode finding) {
        return finding.path("message").asText() + "\n" + finding.path("fix").asText() + "\n" + finding.path("detail");
    }
}
