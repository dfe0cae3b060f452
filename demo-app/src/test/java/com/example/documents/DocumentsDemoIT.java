package com.example.documents;

import static com.example.documents.LambdaRun.describe;
import static com.example.documents.LambdaRun.findings;
import static com.example.documents.LambdaRun.frame;
import static com.example.documents.LambdaRun.invocation;
import static com.example.documents.LambdaRun.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.DemoRun;
import com.fasterxml.jackson.databind.JsonNode;
import dev.faasguard.lambdasim.InvocationResult;
import dev.faasguard.lambdasim.LambdaSim;
import dev.faasguard.lambdasim.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The documents handlers end to end: faasguard-demo.jar run by lambda-sim with the real AWS runtime interface
 * client, a read-only root and a 64 MiB tmpfs {@code /tmp}, the agent attached with its defaults, on each JDK.
 * The report is read where the agent writes it on Lambda, {@code /tmp/faasguard/report.json} of the execution
 * environment, including after the platform killed the JVM. Lines are found by their {@code // demo: <name>}
 * markers.
 */
class DocumentsDemoIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    /** Four 1 MiB pages per document: a 64 MiB /tmp is full after about 16 invocations. */
    private static final String BIG_DOCUMENT = "{\"document\":\"contract.pdf\",\"pages\":4,\"pageKiB\":1024}";
    private static final long PAGE_BYTES = 1024 * 1024;
    private static final String SMALL_DOCUMENT = "{\"document\":\"invoice.pdf\",\"pages\":2,\"pageKiB\":256}";
    private static final String NOT_A_DOCUMENT = "{\"document\":\"empty.pdf\",\"pages\":0}";
    private static final String TOO_MANY_PAGES = "{\"document\":\"encyclopedia.pdf\",\"pages\":5000,\"pageKiB\":1}";
    private static final int MAX_INVOCATIONS = 25;

    private static Map<String, Integer> split;
    private static Map<String, Integer> document;
    private static Map<String, Integer> extractor;

    @BeforeAll
    static void locate() throws IOException {
        split = DemoRun.markers(DocumentSplitHandler.class);
        assertEquals(List.of("exit", "page", "indexer", "uploader"), List.copyOf(split.keySet()),
                "the // demo: markers in DocumentSplitHandler");
        document = DemoRun.markers(Document.class);
        assertEquals(List.of("bad-document"), List.copyOf(document.keySet()), "the // demo: markers in Document");
        extractor = DemoRun.markers(TextExtractor.class);
        assertEquals(List.of("no-text-layer"), List.copyOf(extractor.keySet()), "the // demo: markers in TextExtractor");
    }

    static Stream<Path> jdks() {
        return LambdaRun.jdks();
    }

    /**
     * Every warm invocation leaves its four pages in /tmp: tmp-growth at the line that wrote them; tmp-near-full
     * once /tmp is 80 % full, with how many invocations are left; and the invocation it predicts (give or take
     * one) really fails with "No space left on device".
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void leftPagesFillTmpAndTheAgentSaysWhereAndWhen(Path jdk) throws Exception {
        String pageLine = frame(DocumentSplitHandler.class, "handleRequest", split.get("page"));
        try (LambdaSim sim = LambdaRun.start(jdk, DocumentSplitHandler.class, TIMEOUT)) {
            List<InvocationResult> results = new ArrayList<>();
            List<JsonNode> reports = new ArrayList<>(); // the report as it stood after each successful invocation
            while (results.size() < MAX_INVOCATIONS) {
                InvocationResult result = sim.invoke(BIG_DOCUMENT);
                results.add(result);
                if (!result.succeeded()) {
                    break;
                }
                reports.add(report(result));
            }
            String run = describe(results);
            System.out.println("DocumentSplitHandler until /tmp is full, on " + jdk + ":\n" + run);

            InvocationResult failed = results.get(results.size() - 1);
            int full = failed.number();
            assertEquals(Outcome.ERROR, failed.outcome(), run);
            assertTrue(failed.bodyText().contains("No space left on device"), run);
            assertTrue(full >= 10 && full <= 20, "fills a 64 MiB /tmp in 10 to 20 invocations\n" + run);
            for (InvocationResult r : results) {
                assertEquals(1, r.environment(), run);
                assertEquals(r.number() == 1, r.coldStart(), run);
            }

            // tmp-growth: one finding (one call site), first in the first warm invocation, counted once per page left.
            JsonNode lastGood = reports.get(reports.size() - 1);
            List<JsonNode> growth = findings(lastGood, "tmp-growth");
            assertEquals(1, growth.size(), lastGood::toPrettyString);
            JsonNode leak = growth.get(0);
            String what = leak.toPrettyString();
            assertEquals(DocumentSplitHandler.class.getName(), leak.at("/callSite/class").asText(), what);
            assertEquals("handleRequest", leak.at("/callSite/method").asText(), what);
            assertEquals("DocumentSplitHandler.java", leak.at("/callSite/file").asText(), what);
            assertEquals((int) split.get("page"), leak.at("/callSite/line").asInt(), what);
            assertEquals(pageLine, leak.at("/stack/0").asText(), what);
            assertEquals("warning", leak.get("severity").asText(), what);
            assertEquals(results.get(1).requestId(), leak.get("invocation").asText(), what);
            assertEquals(4L * (full - 2), leak.get("count").asLong(), "4 pages per warm invocation: " + what);
            assertTrue(leak.at("/detail/path").asText().matches("/tmp/pages-[0-9a-f-]{36}/page-000[1-4]\\.pdf"), what);
            assertEquals(PAGE_BYTES, leak.at("/detail/bytes").asLong(), what);
            assertFalse(leak.at("/detail/createdOutsideJvm").asBoolean(true), what);
            assertEquals(4 * PAGE_BYTES, leak.at("/detail/bytesLeakedThisInvocation").asLong(), what);
            assertTrue(leak.at("/detail/totalGrowthBytes").asLong() >= 4 * PAGE_BYTES, what);

            // Every invocation lists the pages it left, at the same line; only the cold start is not a finding.
            for (int i = 0; i < full - 1; i++) {
                JsonNode inv = invocation(lastGood, results.get(i).requestId());
                assertEquals(i == 0, inv.get("coldStart").asBoolean(), inv::toPrettyString);
                assertEquals("success", inv.get("outcome").asText(), inv::toPrettyString);
                JsonNode leaked = inv.get("tmpFilesLeaked");
                assertEquals(4, leaked.size(), inv::toPrettyString);
                for (JsonNode file : leaked) {
                    assertEquals(pageLine, file.get("callSite").asText(), inv::toPrettyString);
                    assertEquals(PAGE_BYTES, file.get("bytes").asLong(), inv::toPrettyString);
                }
                assertTrue(inv.get("tmpBytesAfter").asLong() >= inv.get("tmpBytesBefore").asLong() + 4 * PAGE_BYTES,
                        inv::toPrettyString);
            }

            // tmp-near-full: first in the report after invocation k; its projection holds within one invocation.
            int nearFull = -1;
            for (int i = 0; i < reports.size() && nearFull < 0; i++) {
                if (!findings(reports.get(i), "tmp-near-full").isEmpty()) {
                    nearFull = i + 1;
                }
            }
            assertTrue(nearFull > 0, "no tmp-near-full before /tmp was full\n" + lastGood.toPrettyString());
            JsonNode warning = findings(reports.get(nearFull - 1), "tmp-near-full").get(0);
            String projection = warning.toPrettyString();
            assertEquals(results.get(nearFull - 1).requestId(), warning.get("invocation").asText(), projection);
            assertEquals("error", warning.get("severity").asText(), projection);
            assertEquals(LambdaRun.TMP_BYTES, warning.at("/detail/capacityBytes").asLong(), projection);
            assertTrue(warning.at("/detail/percentUsed").asDouble() > 80, projection);
            long perInvocation = warning.at("/detail/growthBytesPerInvocation").asLong();
            assertTrue(perInvocation >= 4 * PAGE_BYTES && perInvocation < 5 * PAGE_BYTES, projection);
            assertTrue(warning.at("/detail/invocationsUntilFull").isIntegralNumber(), projection);
            long untilFull = warning.at("/detail/invocationsUntilFull").asLong();
            long predicted = nearFull + untilFull;
            System.out.println("tmp-near-full after invocation " + nearFull + ": full in about " + untilFull
                    + " more, so at #" + predicted + "; No space left on device at #" + full);
            assertTrue(Math.abs(full - predicted) <= 1, "tmp-near-full after invocation " + nearFull
                    + " predicted /tmp full in " + untilFull + " more invocations; it failed at " + full + "\n"
                    + projection + "\n" + run);
            assertEquals(pageLine, warning.at("/stack/0").asText(), projection);

            // The invocation that hit "No space left on device" is in the report too: the report is rewritten
            // after every invocation, and this is the one a user most needs to see.
            JsonNode atFull = report(failed);
            JsonNode failedInvocation = invocation(atFull, failed.requestId());
            assertEquals("error", failedInvocation.get("outcome").asText(), failedInvocation::toPrettyString);
            List<JsonNode> failures = findings(atFull, "invocation-failed");
            assertEquals(1, failures.size(), atFull::toPrettyString);
            assertEquals(failed.requestId(), failures.get(0).get("invocation").asText(), atFull::toPrettyString);
            assertTrue(failures.get(0).at("/detail/exceptionMessage").asText().contains("No space left on device"),
                    atFull::toPrettyString);
        }
    }

    /**
     * Each way the broken handler crashes has its finding, at its line, in the invocation it happened in; after
     * the JVM exits mid-run the report in /tmp is whole and valid, and the next invocation is a cold start.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void eachCrashHasItsFindingAndTheReportSurvivesTheExit(Path jdk) throws Exception {
        try (LambdaSim sim = LambdaRun.start(jdk, DocumentSplitHandler.class, TIMEOUT)) {
            List<InvocationResult> results = new ArrayList<>();
            for (String event : List.of(SMALL_DOCUMENT, SMALL_DOCUMENT, NOT_A_DOCUMENT, TOO_MANY_PAGES,
                    SMALL_DOCUMENT)) {
                results.add(sim.invoke(event));
            }
            String run = describe(results);
            System.out.println("DocumentSplitHandler crash kinds, on " + jdk + ":\n" + run);
            assertEquals(List.of(Outcome.SUCCESS, Outcome.SUCCESS, Outcome.ERROR, Outcome.CRASH, Outcome.SUCCESS),
                    results.stream().map(InvocationResult::outcome).toList(), run);
            assertEquals(List.of(true, false, false, false, true),
                    results.stream().map(InvocationResult::coldStart).toList(), run);
            assertEquals(List.of(1, 1, 1, 1, 2), results.stream().map(InvocationResult::environment).toList(), run);
            assertTrue(results.get(2).bodyText().contains("not a document"), run);
            assertTrue(results.get(3).bodyText().contains("exit status 3"), run);

            // The first environment's report, read after its JVM exited.
            JsonNode report = report(results.get(3));
            String text = report.toPrettyString();
            List<String> ids = results.stream().map(InvocationResult::requestId).toList();
            assertEquals(4, report.get("invocations").size(), text);
            List<String> outcomes = List.of("success", "success", "error", "crash");
            for (int i = 0; i < 4; i++) {
                JsonNode inv = report.get("invocations").get(i);
                assertEquals(ids.get(i), inv.get("id").asText(), text);
                assertEquals(outcomes.get(i), inv.get("outcome").asText(), text);
                assertEquals(i == 0, inv.get("coldStart").asBoolean(), text);
                assertTrue(inv.get("durationMs").asLong() >= 0, text);
                assertTrue(inv.get("deadlineEpochMs").asLong() > inv.get("startEpochMs").asLong(), text);
            }

            JsonNode uncaught = only(report, "uncaught-exception");
            assertAt(uncaught, TextExtractor.class, "extract", extractor.get("no-text-layer"));
            assertEquals(2, uncaught.get("count").asLong(), "one per successful invocation: " + uncaught);
            assertEquals(ids.get(0), uncaught.get("invocation").asText(), uncaught.toPrettyString());
            assertEquals("extract-text", uncaught.at("/detail/thread").asText(), uncaught.toPrettyString());
            assertEquals("java.lang.IllegalStateException", uncaught.at("/detail/exceptionType").asText(),
                    uncaught.toPrettyString());
            assertEquals("page-0001.pdf has no text layer: it is a scan and needs OCR",
                    uncaught.at("/detail/exceptionMessage").asText(), uncaught.toPrettyString());
            assertEquals(ids.get(0), uncaught.at("/detail/startedByInvocation").asText(), uncaught.toPrettyString());
            assertEquals(frame(DocumentSplitHandler.class, "handleRequest", split.get("indexer")),
                    uncaught.at("/detail/startedAt").asText(), uncaught.toPrettyString());

            JsonNode stillWorking = only(report, "work-after-response");
            assertAt(stillWorking, DocumentSplitHandler.class, "handleRequest", split.get("uploader"));
            assertEquals(2, stillWorking.get("count").asLong(), stillWorking.toPrettyString());
            assertEquals(ids.get(0), stillWorking.get("invocation").asText(), stillWorking.toPrettyString());
            assertEquals("upload", stillWorking.at("/detail/thread").asText(), stillWorking.toPrettyString());
            assertTrue(stillWorking.at("/detail/currentStack").toString().contains(FakeBucket.class.getName() + ".putAll("),
                    stillWorking.toPrettyString());

            JsonNode failed = only(report, "invocation-failed");
            assertAt(failed, Document.class, "from", document.get("bad-document"));
            assertEquals(1, failed.get("count").asLong(), failed.toPrettyString());
            assertEquals(ids.get(2), failed.get("invocation").asText(), failed.toPrettyString());
            assertEquals("java.lang.IllegalArgumentException", failed.at("/detail/exceptionType").asText(),
                    failed.toPrettyString());

            JsonNode exit = only(report, "runtime-exit");
            assertAt(exit, DocumentSplitHandler.class, "handleRequest", split.get("exit"));
            assertEquals(1, exit.get("count").asLong(), exit.toPrettyString());
            assertEquals(ids.get(3), exit.get("invocation").asText(), exit.toPrettyString());
            assertEquals("System.exit", exit.at("/detail/operation").asText(), exit.toPrettyString());
            assertEquals(3, exit.at("/detail/status").asInt(), exit.toPrettyString());

            JsonNode growth = only(report, "tmp-growth");
            assertAt(growth, DocumentSplitHandler.class, "handleRequest", split.get("page"));
            assertEquals(ids.get(1), growth.get("invocation").asText(), growth.toPrettyString());

            // The second environment starts from nothing: its own JVM, /tmp and report.
            JsonNode second = report(results.get(4));
            assertEquals(1, second.get("invocations").size(), second.toPrettyString());
            assertEquals(ids.get(4), second.at("/invocations/0/id").asText(), second.toPrettyString());
            assertTrue(second.at("/invocations/0/coldStart").asBoolean(), second.toPrettyString());
            assertTrue(findings(second, "tmp-growth").isEmpty(), "a cold start is not growth: " + second.toPrettyString());
        }
    }

    /**
     * The corrected twin does the same work for a cold start and 20 warm invocations, and the agent has nothing
     * to say: no finding, no file left in /tmp, no warning.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void fixedTwinIsQuietFor20WarmInvocations(Path jdk) throws Exception {
        try (LambdaSim sim = LambdaRun.start(jdk, FixedDocumentSplitHandler.class, TIMEOUT)) {
            String event = "{\"document\":\"contract.pdf\",\"pages\":3,\"pageKiB\":256}";
            List<InvocationResult> results = sim.run(event, 21);
            String run = describe(results);
            System.out.println("FixedDocumentSplitHandler, 21 invocations, on " + jdk + ":\n" + run);
            for (InvocationResult r : results) {
                assertEquals(Outcome.SUCCESS, r.outcome(), run);
                assertEquals(r.number() == 1, r.coldStart(), run);
                assertEquals(1, r.environment(), run);
                assertTrue(r.bodyText().contains("\"statusCode\":200"), run);
                assertTrue(r.bodyText().contains("\"uploadedBytes\":" + 3 * 256 * 1024), run);
                assertTrue(r.bodyText().contains("not indexed: page-0001.pdf has no text layer"), run);
                assertFalse(r.stderr().contains("[FaaSGuard]"), run);
            }
            JsonNode report = report(results.get(20));
            assertEquals(List.of(), toList(report.get("findings")), report::toPrettyString);
            assertEquals(21, report.get("invocations").size(), report::toPrettyString);
            for (JsonNode inv : report.get("invocations")) {
                assertEquals("success", inv.get("outcome").asText(), inv::toPrettyString);
                assertEquals(0, inv.get("tmpFilesLeaked").size(), inv::toPrettyString);
                assertEquals(0, inv.get("findings").size(), inv::toPrettyString);
            }
            assertNoPagesLeft(results.get(20).tmpDir());
        }
    }

    static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    private static JsonNode only(JsonNode report, String rule) {
        List<JsonNode> matching = findings(report, rule);
        assertEquals(1, matching.size(), () -> "one " + rule + " finding\n" + report.toPrettyString());
        return matching.get(0);
    }

    static void assertAt(JsonNode finding, Class<?> type, String method, Integer line) {
        assertNotNull(line);
        String what = finding.toPrettyString();
        assertEquals(type.getName(), finding.at("/callSite/class").asText(), what);
        assertEquals(method, finding.at("/callSite/method").asText(), what);
        assertEquals(type.getSimpleName() + ".java", finding.at("/callSite/file").asText(), what);
        assertEquals((int) line, finding.at("/callSite/line").asInt(), what);
    }

    static void assertNoPagesLeft(Path tmp) throws IOException {
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith("pages-")).toList());
        }
    }
}
