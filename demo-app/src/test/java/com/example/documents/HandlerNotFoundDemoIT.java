package com.example.documents;

import static com.example.documents.LambdaRun.describe;
import static com.example.documents.LambdaRun.findings;
import static com.example.documents.LambdaRun.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
 * The document splitter deployed with a wrong handler setting, under lambda-sim (the real runtime client 2.9.0): a
 * class name one letter off, a method that does not exist, a class whose static initializer throws. Each is one
 * handler-not-found finding made at init, before any invocation, naming what is close; the correct setting is silent
 * (every other demo test).
 */
class HandlerNotFoundDemoIT {

    private static final String DOCUMENT = "{\"document\":\"invoice.pdf\",\"pages\":1,\"pageKiB\":16}";

    static Stream<Path> jdks() {
        return LambdaRun.jdks();
    }

    private static JsonNode onlyFinding(LambdaSim sim, String handler) throws Exception {
        InvocationResult result = sim.invoke(DOCUMENT);
        String run = describe(result);
        assertNotEquals(Outcome.SUCCESS, result.outcome(), "the runtime client cannot call it either\n" + run);
        JsonNode report = report(result);
        List<JsonNode> found = findings(report, "handler-not-found");
        assertEquals(1, found.size(), report.toPrettyString() + "\n" + run);
        assertEquals(report.get("findings").size(), 1, report.toPrettyString());
        JsonNode finding = found.get(0);
        assertTrue(finding.get("invocation").isNull(), "made at init\n" + finding.toPrettyString());
        assertEquals(handler, finding.at("/detail/handler").asText());
        assertTrue(result.stderr().contains("handler-not-found"), "in the log\n" + run);
        return finding;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aClassNameOneLetterOffNamesTheClassMeant(Path jdk) throws Exception {
        String handler = "com.example.documents.FixedDocumentSplitHandlr::handleRequest";
        try (LambdaSim sim = LambdaRun.start(jdk, FixedDocumentSplitHandler.class, Duration.ofSeconds(5),
                builder -> builder.handler(handler))) {
            JsonNode finding = onlyFinding(sim, handler);
            assertEquals("class-missing", finding.at("/detail/problem").asText());
            assertEquals(FixedDocumentSplitHandler.class.getName(), finding.at("/detail/nearby/0").asText());
            assertTrue(finding.get("fix").asText().startsWith("Did you mean " + FixedDocumentSplitHandler.class.getName()),
                    finding.toPrettyString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aMethodThatIsNotThereNamesTheMethodsThatAre(Path jdk) throws Exception {
        String handler = FixedDocumentSplitHandler.class.getName() + "::handle";
        try (LambdaSim sim = LambdaRun.start(jdk, FixedDocumentSplitHandler.class, Duration.ofSeconds(5),
                builder -> builder.handler(handler))) {
            JsonNode finding = onlyFinding(sim, handler);
            assertEquals("method-missing", finding.at("/detail/problem").asText());
            assertEquals("handleRequest", finding.at("/detail/nearby/0").asText());
            assertEquals("com.amazonaws.services.lambda.runtime.RequestHandler", finding.at("/detail/implements/0").asText());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aStaticInitializerThatThrowsSaysWhat(Path jdk) throws Exception {
        String handler = MisconfiguredSplitHandler.class.getName() + "::handleRequest";
        try (LambdaSim sim = LambdaRun.start(jdk, MisconfiguredSplitHandler.class, Duration.ofSeconds(5))) {
            JsonNode finding = onlyFinding(sim, handler);
            assertEquals("static-init-failed", finding.at("/detail/problem").asText());
            assertTrue(finding.get("message").asText().contains("DOCUMENTS_BUCKET is not set"), finding.toPrettyString());
        }
    }
}
