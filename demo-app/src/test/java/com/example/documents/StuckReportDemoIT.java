package com.example.documents;

import static com.example.documents.LambdaRun.describe;
import static com.example.documents.LambdaRun.findings;
import static com.example.documents.LambdaRun.frame;
import static com.example.documents.LambdaRun.invocation;
import static com.example.documents.LambdaRun.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * The report handlers end to end in lambda-sim (real runtime interface client, read-only root, 64 MiB /tmp,
 * the agent with its defaults: a 300 ms deadline margin). The broken one hangs in {@code Thread.join()} until
 * the platform kills it; the agent must have recorded where, in a report written before the kill. The fixed
 * one answers 504 in time, and the agent stays quiet.
 */
class StuckReportDemoIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final long AGENT_MARGIN_MS = 300;
    private static final String DAILY = "{\"period\":\"daily\"}";
    private static final String MONTHLY = "{\"period\":\"monthly\"}";

    private static Map<String, Integer> stuck;

    @BeforeAll
    static void locate() throws IOException {
        stuck = DemoRun.markers(StuckReportHandler.class);
        assertEquals(List.of("join", "weekly-csv", "weekly-join"), stuck.keySet().stream().sorted().toList(),
                "the // demo: markers in StuckReportHandler");
        assertEquals(List.of("timed-join"), List.copyOf(DemoRun.markers(FixedStuckReportHandler.class).keySet()),
                "the // demo: markers in FixedStuckReportHandler");
    }

    static Stream<Path> jdks() {
        return LambdaRun.jdks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aTimeoutLongerThanTheInvocationAndAFileASubprocessLeftInTmp(Path jdk) throws Exception {
        String joinLine = frame(StuckReportHandler.class, "weekly", stuck.get("weekly-join"));
        try (LambdaSim sim = LambdaRun.start(jdk, StuckReportHandler.class, TIMEOUT)) {
            String weekly = "{\"period\":\"weekly\"}";
            List<InvocationResult> results = sim.run(List.of(weekly.getBytes(), weekly.getBytes()));
            String run = describe(results);
            assertEquals(List.of(Outcome.SUCCESS, Outcome.SUCCESS),
                    results.stream().map(InvocationResult::outcome).toList(), run);
            JsonNode report = report(results.get(1));
            String text = report.toPrettyString();

            List<JsonNode> tooLong = findings(report, "timeout-exceeds-deadline");
            assertEquals(1, tooLong.size(), text);
            assertEquals(joinLine, tooLong.get(0).get("stack").get(0).asText(), text);
            assertEquals(2, tooLong.get(0).get("count").asLong(), "once per invocation\n" + text);
            assertEquals(600_000, tooLong.get(0).at("/detail/timeoutMs").asLong(), text);
            assertTrue(tooLong.get(0).at("/detail/remainingMs").asLong() < TIMEOUT.toMillis(), text);

            List<JsonNode> leaked = findings(report, "tmp-growth");
            assertEquals(1, leaked.size(), "the warm invocation's CSV\n" + text);
            assertTrue(leaked.get(0).at("/detail/createdOutsideJvm").asBoolean(), "a subprocess wrote it\n" + text);
            assertTrue(leaked.get(0).at("/detail/path").asText().matches("/tmp/weekly-\\d+\\.csv"), text);
            assertEquals(65536, leaked.get(0).at("/detail/bytes").asLong(), text);
            assertEquals(results.get(1).requestId(), leaked.get(0).get("invocation").asText(), text);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void hungInvocationIsRecordedAtTheJoinBeforeTheKill(Path jdk) throws Exception {
        String joinLine = frame(StuckReportHandler.class, "handleRequest", stuck.get("join"));
        try (LambdaSim sim = LambdaRun.start(jdk, StuckReportHandler.class, TIMEOUT)) {
            List<InvocationResult> results = sim.run(List.of(DAILY.getBytes(), MONTHLY.getBytes(), DAILY.getBytes()));
            String run = describe(results);
            System.out.println("StuckReportHandler, on " + jdk + ":\n" + run);
            assertEquals(List.of(Outcome.SUCCESS, Outcome.TIMEOUT, Outcome.SUCCESS),
                    results.stream().map(InvocationResult::outcome).toList(), run);
            assertEquals(List.of(true, false, true), results.stream().map(InvocationResult::coldStart).toList(), run);
            assertEquals(List.of(1, 1, 2), results.stream().map(InvocationResult::environment).toList(), run);
            assertTrue(results.get(1).bodyText().contains("Task timed out after 2.00 seconds"), run);

            // The killed environment's report: what the agent wrote before the platform killed the JVM.
            InvocationResult hung = results.get(1);
            Path file = hung.tmpDir().resolve(LambdaRun.REPORT);
            long writtenAt = Files.getLastModifiedTime(file).toMillis();
            JsonNode report = report(hung);
            String text = report.toPrettyString();
            System.out.println("report of the killed environment (" + file + "), written at " + writtenAt + ":\n" + text);
            assertEquals(2, report.get("invocations").size(), text);
            assertEquals("success", invocation(report, results.get(0).requestId()).get("outcome").asText(), text);
            JsonNode killed = invocation(report, hung.requestId());
            assertEquals("timeout", killed.get("outcome").asText(), text);
            assertFalse(killed.get("coldStart").asBoolean(), text);
            long deadline = killed.get("deadlineEpochMs").asLong();
            assertTrue(writtenAt <= deadline, "report written at " + writtenAt + ", deadline " + deadline + "\n" + text);

            List<JsonNode> exceeded = findings(report, "deadline-exceeded");
            assertEquals(1, exceeded.size(), text);
            JsonNode finding = exceeded.get(0);
            String what = finding.toPrettyString();
            DocumentsDemoIT.assertAt(finding, StuckReportHandler.class, "handleRequest", stuck.get("join"));
            assertEquals("error", finding.get("severity").asText(), what);
            assertEquals(hung.requestId(), finding.get("invocation").asText(), what);
            assertEquals(joinLine, finding.at("/stack/0").asText(), what);
            long firstSeen = finding.get("firstSeenEpochMs").asLong();
            assertTrue(firstSeen < deadline && firstSeen >= deadline - AGENT_MARGIN_MS - 50,
                    "fired at " + firstSeen + ", deadline " + deadline + ": " + what);
            assertEquals(AGENT_MARGIN_MS, finding.at("/detail/marginMs").asLong(), what);
            long elapsed = finding.at("/detail/elapsedMs").asLong();
            assertTrue(elapsed >= TIMEOUT.toMillis() - AGENT_MARGIN_MS - 100 && elapsed < TIMEOUT.toMillis(), what);
            JsonNode blocked = finding.at("/detail/blockedCalls");
            assertEquals(1, blocked.size(), what);
            assertEquals("join-without-timeout", blocked.at("/0/rule").asText(), what);
            assertEquals("Thread.join", blocked.at("/0/operation").asText(), what);
            assertEquals(joinLine, blocked.at("/0/callSite").asText(), what);
            assertTrue(blocked.at("/0/blockedMs").asLong() >= elapsed - 100, what);
            assertTrue(killed.get("findings").toString().contains("deadline-exceeded"), text);

            // The join that never returned is a finding of its own, recorded at the deadline, still blocked.
            List<JsonNode> joins = findings(report, "join-without-timeout");
            assertEquals(1, joins.size(), text);
            JsonNode join = joins.get(0);
            String joinWhat = join.toPrettyString();
            DocumentsDemoIT.assertAt(join, StuckReportHandler.class, "handleRequest", stuck.get("join"));
            assertEquals(hung.requestId(), join.get("invocation").asText(), joinWhat);
            assertEquals(1, join.get("count").asLong(), joinWhat);
            assertEquals("Thread.join", join.at("/detail/operation").asText(), joinWhat);
            assertEquals("monthly-export", join.at("/detail/thread").asText(), joinWhat);
            assertTrue(join.at("/detail/stillBlocked").asBoolean(), joinWhat);
            assertTrue(join.at("/detail/blockedMs").asLong() >= elapsed - 100, joinWhat);
            assertEquals(List.of(), findings(report, "work-after-response"), text);

            // The next invocation is a cold start in a new environment, with a report of its own.
            JsonNode second = report(results.get(2));
            assertEquals(1, second.get("invocations").size(), second.toPrettyString());
            assertTrue(second.at("/invocations/0/coldStart").asBoolean(), second.toPrettyString());
            assertEquals("success", second.at("/invocations/0/outcome").asText(), second.toPrettyString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void fixedTwinAnswersInTimeAndIsQuietFor20WarmInvocations(Path jdk) throws Exception {
        try (LambdaSim sim = LambdaRun.start(jdk, FixedStuckReportHandler.class, TIMEOUT)) {
            List<byte[]> events = new ArrayList<>();
            for (int i = 0; i < 21; i++) {
                events.add((i % 2 == 0 ? DAILY : MONTHLY).getBytes());
            }
            List<InvocationResult> results = sim.run(events);
            String run = describe(results);
            System.out.println("FixedStuckReportHandler, 21 invocations, on " + jdk + ":\n" + run);
            for (InvocationResult r : results) {
                assertEquals(Outcome.SUCCESS, r.outcome(), run);
                assertEquals(r.number() == 1, r.coldStart(), run);
                assertFalse(r.stderr().contains("[FaaSGuard]"), run);
                if (r.number() % 2 == 0) {
                    assertTrue(r.bodyText().contains("\"statusCode\":504"), run);
                    assertTrue(r.duration().toMillis() < TIMEOUT.toMillis() - AGENT_MARGIN_MS, run);
                } else {
                    assertTrue(r.bodyText().contains("\"statusCode\":200"), run);
                }
            }
            JsonNode report = report(results.get(20));
            assertEquals(List.of(), DocumentsDemoIT.toList(report.get("findings")), report::toPrettyString);
            assertEquals(21, report.get("invocations").size(), report::toPrettyString);
            for (JsonNode inv : report.get("invocations")) {
                assertEquals("success", inv.get("outcome").asText(), inv::toPrettyString);
            }
        }
    }
}
