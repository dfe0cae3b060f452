package com.example.exports;

import static com.example.documents.LambdaRun.describe;
import static com.example.documents.LambdaRun.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static com.example.exports.ExportEvents.AT_ONCE;
import static com.example.exports.ExportEvents.HUNG;
import static com.example.exports.ExportEvents.action;

import com.example.DemoRun;
import com.example.documents.LambdaRun;
import com.fasterxml.jackson.databind.JsonNode;
import dev.faasguard.lambdasim.InvocationResult;
import dev.faasguard.lambdasim.LambdaSim;
import dev.faasguard.lambdasim.Outcome;
import java.io.IOException;
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
 * Lambda Managed Instances: eight invocations at once in one JVM (lambda-sim's {@code maxConcurrency}, the real
 * runtime client's eight runtime threads, Java 21 or later), four of them leaving an export in the shared /tmp
 * from a shared thread pool (and waiting for it longer than they may run) and one hanging in {@code Thread.join()}. Every finding and every leaked file is put
 * on the invocation that caused it, the hung one is told again while nothing kills it, and the others stay clean;
 * the corrected twin is silent.
 */
class ConcurrentExportsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private static Map<String, Integer> sinner;

    @BeforeAll
    static void locate() throws IOException {
        sinner = DemoRun.markers(ExportHandler.class);
        assertEquals(List.of("export", "get", "join"), sinner.keySet().stream().sorted().toList(),
                "the // demo: markers in ExportHandler");
    }

    static Stream<Path> jdks() {
        return LambdaRun.jdks21OrLater();
    }

    private static List<InvocationResult> runAtOnce(LambdaSim sim) {
        InvocationResult warmUp = sim.invoke(ExportEvents.warmUp());
        assertEquals(Outcome.SUCCESS, warmUp.outcome(), describe(warmUp));
        return sim.invokeConcurrently(ExportEvents.atOnce());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void eachFindingAndEachLeftFileIsOnTheInvocationThatCausedIt(Path jdk) throws Exception {
        String exportLine = LambdaRun.frame(ExportHandler.class, "writeExport", sinner.get("export"));
        String joinLine = LambdaRun.frame(ExportHandler.class, "handleRequest", sinner.get("join"));
        String getLine = LambdaRun.frame(ExportHandler.class, "handleRequest", sinner.get("get"));
        try (LambdaSim sim = LambdaRun.start(jdk, ExportHandler.class, TIMEOUT,
                builder -> builder.maxConcurrency(AT_ONCE))) {
            List<InvocationResult> results = runAtOnce(sim);
            String run = describe(results);
            for (int i = 0; i < AT_ONCE; i++) {
                assertEquals(i == HUNG ? Outcome.TIMEOUT : Outcome.SUCCESS, results.get(i).outcome(), run);
            }
            String hungId = results.get(HUNG).requestId();

            // Nothing kills the hung invocation: it is told again while it stays stuck.
            JsonNode report = awaitReport(results.get(0), text -> deadlineChecks(text, hungId) >= 2);
            String text = report.toPrettyString() + "\n" + run;

            for (int i = 0; i < AT_ONCE; i++) {
                String id = results.get(i).requestId();
                JsonNode invocation = LambdaRun.invocation(report, id);
                List<String> leaked = new ArrayList<>();
                invocation.get("tmpFilesLeaked").forEach(file -> leaked.add(file.get("path").asText()));
                assertEquals(action(i).equals("export") ? List.of("/tmp/export-" + id + ".csv") : List.of(), leaked,
                        "invocation " + i + " (" + action(i) + ") left exactly its own files\n" + text);
                assertEquals(i == HUNG ? "timeout" : "success", invocation.get("outcome").asText(), text);
            }

            JsonNode growth = only(report, "tmp-growth", text);
            assertEquals(exportLine, growth.get("stack").get(0).asText(), "written on a pool thread\n" + text);
            assertEquals(4, growth.get("count").asLong(), "one per exporting invocation\n" + text);
            assertTrue(exporters(results).contains(growth.get("invocation").asText()), text);

            JsonNode deadline = only(report, "deadline-exceeded", text);
            assertEquals(hungId, deadline.get("invocation").asText(), text);
            assertEquals(joinLine, deadline.get("stack").get(0).asText(), text);
            assertTrue(deadline.get("count").asLong() >= 2 && deadline.get("count").asLong() <= 6,
                    "again while it stays stuck, a bounded number of times\n" + text);
            JsonNode join = only(report, "join-without-timeout", text);
            assertEquals(hungId, join.get("invocation").asText(), text);
            assertEquals(joinLine, join.get("stack").get(0).asText(), text);
            JsonNode tooLong = only(report, "timeout-exceeds-deadline", text);
            assertEquals(getLine, tooLong.get("stack").get(0).asText(), text);
            assertEquals(4, tooLong.get("count").asLong(), "each exporting invocation, against its own deadline\n" + text);
            assertTrue(exporters(results).contains(tooLong.get("invocation").asText()), text);
            assertEquals(4, report.get("findings").size(), "nothing else\n" + text);

            String log = results.get(HUNG).stderr() + results.get(0).stderr();
            assertTrue(log.contains("tmp-growth") && log.contains("deadline-exceeded"), log);
            assertFalse(log.contains("[FaaSGuard] internal"), log);
            assertTrue(sim.stillRunning().contains(hungId), "the hung invocation holds its runtime thread");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theCorrectedTwinIsSilent(Path jdk) throws Exception {
        try (LambdaSim sim = LambdaRun.start(jdk, FixedExportHandler.class, TIMEOUT,
                builder -> builder.maxConcurrency(AT_ONCE))) {
            List<InvocationResult> results = runAtOnce(sim);
            String run = describe(results);
            for (InvocationResult result : results) {
                assertEquals(Outcome.SUCCESS, result.outcome(), run);
            }
            JsonNode report = report(results.get(HUNG));
            String text = report.toPrettyString() + "\n" + run;
            assertEquals(0, report.get("findings").size(), text);
            assertEquals(AT_ONCE + 1, report.get("invocations").size(), text);
            report.get("invocations").forEach(invocation ->
                    assertEquals(0, invocation.get("tmpFilesLeaked").size(), text));
        }
    }

    private static List<String> exporters(List<InvocationResult> results) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < AT_ONCE; i++) {
            if (action(i).equals("export")) {
                ids.add(results.get(i).requestId());
            }
        }
        return ids;
    }

    private static JsonNode only(JsonNode report, String rule, String text) {
        List<JsonNode> found = new ArrayList<>();
        report.get("findings").forEach(finding -> {
            if (finding.get("rule").asText().equals(rule)) {
                found.add(finding);
            }
        });
        assertEquals(1, found.size(), rule + "\n" + text);
        return found.get(0);
    }

    private static long deadlineChecks(JsonNode report, String hungId) {
        for (JsonNode finding : report.get("findings")) {
            if (finding.get("rule").asText().equals("deadline-exceeded")
                    && finding.get("invocation").asText().equals(hungId)) {
                return finding.get("count").asLong();
            }
        }
        return 0;
    }

    /** The report once {@code ready} says so, or as it is after 15 seconds. */
    private static JsonNode awaitReport(InvocationResult any, java.util.function.Predicate<JsonNode> ready)
            throws IOException, InterruptedException {
        long until = System.currentTimeMillis() + 15_000;
        JsonNode report = report(any);
        while (!ready.test(report) && System.currentTimeMillis() < until) {
            Thread.sleep(250);
            report = report(any);
        }
        return report;
    }
}
