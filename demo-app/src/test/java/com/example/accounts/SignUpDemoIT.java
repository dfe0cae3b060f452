package com.example.accounts;

import static com.example.documents.LambdaRun.describe;
import static com.example.documents.LambdaRun.frame;
import static com.example.documents.LambdaRun.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The sign-up function of the first field report under lambda-sim (the real runtime client 2.9.0, a read-only root):
 * eight sign-ups in one environment. Its SQLite file next to the code is {@code embedded-db-outside-tmp} at the line
 * that opens it, every time; the error it then catches and drops is {@code swallowed-exception} at its catch, every
 * time; the static list it falls back to grows with each warm invocation: {@code state-across-invocations}. Nothing
 * else. The corrected twin is silent.
 */
class SignUpDemoIT {

    private static final int SIGN_UPS = 8;

    private static Map<String, Integer> sinner;

    @BeforeAll
    static void locate() throws IOException {
        sinner = DemoRun.markers(SignUpHandler.class);
        assertEquals(List.of("catch", "database", "fallback"), sinner.keySet().stream().sorted().toList(),
                "the // demo: markers in SignUpHandler");
    }

    static Stream<Path> jdks() {
        return LambdaRun.jdks();
    }

    /** The invocations, and the report as the last one left it. */
    private record SignUps(List<InvocationResult> results, JsonNode report) {

        String text() {
            return report.toPrettyString() + "\n" + describe(results);
        }
    }

    private static SignUps signUps(Class<?> handler, Path jdk) throws IOException {
        try (LambdaSim sim = LambdaRun.start(jdk, handler, Duration.ofSeconds(10),
                builder -> builder.env("FAASGUARD_SWALLOWED", "on"))) {
            List<InvocationResult> results = new ArrayList<>();
            for (int i = 1; i <= SIGN_UPS; i++) {
                InvocationResult result = sim.invoke("{\"email\":\"user" + i + "@example.com\",\"name\":\"User " + i + "\"}");
                assertEquals(Outcome.SUCCESS, result.outcome(), describe(result));
                assertEquals("\"signed up user" + i + "@example.com\"", result.bodyText().strip(), describe(result));
                results.add(result);
            }
            assertEquals(1, results.stream().filter(InvocationResult::coldStart).count(), describe(results));
            return new SignUps(results, report(results.get(SIGN_UPS - 1)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theDatabaseTheDroppedErrorAndTheGrowingFallbackAreEachOneFinding(Path jdk) throws Exception {
        SignUps run = signUps(SignUpHandler.class, jdk);
        JsonNode report = run.report();
        String text = run.text();

        JsonNode database = only(report, "embedded-db-outside-tmp", text);
        assertEquals(frame(SignUpHandler.class, "save", sinner.get("database")), database.get("stack").get(0).asText(), text);
        assertEquals(SIGN_UPS, database.get("count").asLong(), "every sign-up opens it\n" + text);
        assertTrue(database.at("/detail/file").asText().endsWith("/accounts.db"), text);

        JsonNode swallowed = only(report, "swallowed-exception", text);
        assertEquals(frame(SignUpHandler.class, "handleRequest", sinner.get("catch")),
                swallowed.get("stack").get(0).asText(), "at the catch block\n" + text);
        assertEquals(SIGN_UPS, swallowed.get("count").asLong(), "every sign-up drops it\n" + text);
        assertEquals("org.sqlite.SQLiteException", swallowed.at("/detail/exceptionType").asText(), text);
        assertTrue(swallowed.at("/detail/thrownAt").asText().contains("SignUpHandler.java:" + sinner.get("database")),
                "thrown where the database is opened\n" + text);

        JsonNode state = only(report, "state-across-invocations", text);
        assertEquals(frame(SignUpHandler.class, "handleRequest", sinner.get("fallback")),
                state.get("stack").get(0).asText(), "at the line that adds to the list\n" + text);
        assertEquals(SignUpHandler.class.getName() + ".IN_MEMORY", state.at("/detail/field").asText(), text);
        assertEquals("[1,2,3,4,5,6]", state.at("/detail/sizes").toString(), "the sizes when it was found\n" + text);
        assertEquals(SIGN_UPS - 5, state.get("count").asLong(),
                "the invocation ends that found it grown five times in a row: the 6th to the 8th\n" + text);

        assertEquals(3, report.get("findings").size(), "nothing else\n" + text);
        String log = describe(run.results());
        assertFalse(log.contains("[FaaSGuard] internal"), log);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theCorrectedTwinIsSilent(Path jdk) throws Exception {
        SignUps run = signUps(FixedSignUpHandler.class, jdk);
        assertEquals(0, run.report().get("findings").size(), run.text());
        assertEquals(SIGN_UPS, run.report().get("invocations").size(), run.text());
    }

    private static JsonNode only(JsonNode report, String rule, String text) {
        List<JsonNode> found = LambdaRun.findings(report, rule);
        assertEquals(1, found.size(), rule + "\n" + text);
        return found.get(0);
    }
}
