package com.example.documents;

import static com.example.documents.LambdaRun.describe;
import static com.example.documents.LambdaRun.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faasguard.lambdasim.InvocationResult;
import dev.faasguard.lambdasim.LambdaSim;
import dev.faasguard.lambdasim.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corrected document-split function under SnapStart (lambda-sim runs the real runtime client through its
 * checkpoint protocol; no JVM snapshot is taken here): the agent tells how the environment started, marks the first
 * invocation after the restore with the restore's duration, and the correct function stays silent.
 */
class SnapStartDemoIT {

    private static final String SMALL_DOCUMENT = "{\"document\":\"invoice.pdf\",\"pages\":2,\"pageKiB\":16}";

    static Stream<Path> jdks() {
        return LambdaRun.jdks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theFirstInvocationAfterTheRestoreIsMarkedAndTheCorrectFunctionIsSilent(Path jdk) throws Exception {
        try (LambdaSim sim = LambdaRun.start(jdk, FixedDocumentSplitHandler.class, Duration.ofSeconds(10),
                builder -> builder.snapStart(Duration.ofMillis(200)))) {
            List<InvocationResult> results = sim.run(List.of(SMALL_DOCUMENT.getBytes(), SMALL_DOCUMENT.getBytes()));
            String run = describe(results);
            assertEquals(List.of(Outcome.SUCCESS, Outcome.SUCCESS),
                    results.stream().map(InvocationResult::outcome).toList(), run);
            assertNotNull(results.get(0).restore(), "lambda-sim ran the checkpoint protocol\n" + run);
            assertFalse(run.contains("[FaaSGuard] internal") || run.contains("not started"), run);

            JsonNode report = report(results.get(1));
            String text = report.toPrettyString();
            assertEquals("snap-start", report.at("/runtime/initType").asText(), text);
            JsonNode first = report.get("invocations").get(0);
            JsonNode second = report.get("invocations").get(1);
            assertTrue(first.get("coldStart").asBoolean(), text);
            assertTrue(first.get("restored").asBoolean(), text);
            assertTrue(first.get("restoreDurationMs").asLong() >= 0, text);
            assertFalse(second.get("coldStart").asBoolean(), text);
            assertFalse(second.has("restored"), "only the first invocation after the restore\n" + text);
            assertEquals(0, report.get("findings").size(), "the correct twin stays silent\n" + text);
        }
    }
}
