package com.example.documents;

import static com.example.documents.LambdaRun.describe;
import static com.example.documents.LambdaRun.findings;
import static com.example.documents.LambdaRun.frame;
import static com.example.documents.LambdaRun.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.DemoRun;
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
 * FaaSGuard deployed as docs/lambda.md's "Lambda layer" says: faasguard-layer.zip extracted into the function's read-only
 * /opt and {@code AWS_LAMBDA_EXEC_WRAPPER=/opt/faasguard-handler}, nothing else. The wrapper puts the agent into
 * JAVA_TOOL_OPTIONS, and its findings on the document-split function arrive in the log and in the report in /tmp.
 */
class LayerDemoIT {

    private static final String DOCUMENT = "{\"document\":\"invoice.pdf\",\"pages\":2,\"pageKiB\":256}";

    static Stream<Path> jdks() {
        return LambdaRun.jdks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theLayersWrapperAttachesTheAgentAndItsFindingsArrive(Path jdk) throws Exception {
        String pageLine = frame(DocumentSplitHandler.class, "handleRequest",
                DemoRun.markers(DocumentSplitHandler.class).get("page"));
        try (LambdaSim sim = LambdaRun.startWithLayer(jdk, DocumentSplitHandler.class, Duration.ofSeconds(3))) {
            List<InvocationResult> results = sim.run(DOCUMENT, 3);
            String run = describe(results);
            System.out.println("DocumentSplitHandler through the layer, on " + jdk + ":\n" + run);
            for (InvocationResult r : results) {
                assertEquals(Outcome.SUCCESS, r.outcome(), run);
                assertEquals(1, r.environment(), run);
                assertFalse(r.stderr().contains("already running"), "one agent\n" + run);
            }
            assertTrue(results.get(0).stderr().contains(
                    "Picked up JAVA_TOOL_OPTIONS: -javaagent:/opt/faasguard/faasguard-agent.jar\n"), run);
            assertTrue(results.get(1).stderr().contains("[FaaSGuard] tmp-growth (warning) at " + pageLine), run);

            JsonNode report = report(results.get(2));
            String text = report.toPrettyString();
            assertEquals("aws-lambda", report.at("/runtime/platform").asText(), text);
            assertEquals(3, report.get("invocations").size(), text);
            List<JsonNode> growth = findings(report, "tmp-growth");
            assertEquals(1, growth.size(), text);
            assertEquals(pageLine, growth.get(0).at("/stack/0").asText(), text);
            assertEquals(results.get(1).requestId(), growth.get(0).get("invocation").asText(), text);
            assertEquals(4, growth.get(0).get("count").asLong(), "2 pages in each of 2 warm invocations\n" + text);
            assertEquals(LambdaRun.TMP_BYTES, report.at("/tmp/capacityBytes").asLong(), text);
        }
    }
}
