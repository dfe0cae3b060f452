package com.example.carts;

import static com.example.documents.LambdaRun.describe;
import static com.example.documents.LambdaRun.report;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.documents.LambdaRun;
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
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cart function under lambda-sim (the real runtime client 2.9.0), 8 warm invocations in one environment on JDK 17
 * and 25: the static list and the handler object's map are one state-across-invocations finding each, at the line
 * that adds to them, with their sizes; the corrected twin is silent.
 */
class CartsDemoIT {

    private static final int INVOCATIONS = 8;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    static Stream<Path> jdks() {
        return LambdaRun.jdks();
    }

    /** @return the report after {@link #INVOCATIONS} invocations, each for a new cart */
    private static JsonNode run(Path jdk, Class<?> handler) throws Exception {
        try (LambdaSim sim = LambdaRun.start(jdk, handler, TIMEOUT, builder -> builder)) {
            List<InvocationResult> results = new ArrayList<>();
            for (int i = 0; i < INVOCATIONS; i++) {
                results.add(sim.invoke("{\"cart\":\"c-" + i + "\",\"item\":\"socks\",\"price\":4,"
                        + "\"items\":[\"socks\",\"scarf\"]}"));
            }
            String run = describe(results);
            for (InvocationResult result : results) {
                assertEquals(Outcome.SUCCESS, result.outcome(), run);
                assertEquals(1, result.environment(), "one warm environment\n" + run);
            }
            // Persisted after the last response, before the runtime client asks for the next event: one more makes sure.
            sim.invoke("{\"cart\":\"last\",\"item\":\"hat\",\"price\":1}");
            return report(results.get(INVOCATIONS - 1));
        }
    }

    private static List<JsonNode> stateFindings(JsonNode report) {
        List<JsonNode> found = new ArrayList<>();
        report.get("findings").forEach(finding -> {
            if (finding.get("rule").asText().equals("state-across-invocations")) {
                found.add(finding);
            }
        });
        return found;
    }

    private static int line(Class<?> type, String marker) throws IOException {
        List<String> source = Files.readAllLines(Path.of("src/main/java", type.getName().replace('.', '/') + ".java"));
        for (int i = 0; i < source.size(); i++) {
            if (source.get(i).endsWith("// @line " + marker)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(marker);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theCartsKeptInMemoryAreOneFindingPerFieldAtTheLineThatAdds(Path jdk) throws Exception {
        JsonNode report = run(jdk, CartHandler.class);
        Map<Integer, JsonNode> byLine = new TreeMap<>();
        for (JsonNode finding : stateFindings(report)) {
            assertEquals(CartHandler.class.getName(), finding.at("/callSite/class").asText(), finding.toPrettyString());
            assertEquals("handleRequest", finding.at("/callSite/method").asText());
            byLine.put(finding.at("/callSite/line").asInt(), finding);
        }
        assertEquals(List.of(line(CartHandler.class, "itemsAdded"), line(CartHandler.class, "totals")),
                List.copyOf(byLine.keySet()), report.toPrettyString());
        JsonNode items = byLine.get(line(CartHandler.class, "itemsAdded"));
        assertEquals(CartHandler.class.getName() + ".ITEMS_ADDED", items.at("/detail/field").asText());
        assertEquals("static field", items.at("/detail/kind").asText());
        assertEquals("[1,2,3,4,5,6]", items.at("/detail/sizes").toString());
        JsonNode totals = byLine.get(line(CartHandler.class, "totals"));
        assertEquals(CartHandler.class.getName() + ".totals", totals.at("/detail/field").asText());
        assertEquals("handler instance field", totals.at("/detail/kind").asText());
        assertEquals("[1,2,3,4,5,6]", totals.at("/detail/sizes").toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theCorrectedTwinIsSilent(Path jdk) throws Exception {
        assertEquals(List.of(), stateFindings(run(jdk, FixedCartHandler.class)));
    }
}
