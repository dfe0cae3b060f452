package dev.faasguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.example.state.FixedOrderTally;
import com.example.state.OrderTally;
import com.example.state.TallyHost;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * state-across-invocations in a child JVM on JDK 17 and 25, with the handler named by {@code faasguard.handler}: a
 * static list and a map of the handler object that grow at each of 8 invocations are one finding each, at the line
 * that adds to them, with their sizes; the twin's table filled at init, price list loaded at the first invocation,
 * LRU cache of three and constructor-filled settings are none; a class the application only loads is never
 * initialized by the agent.
 */
class StateAcrossInvocationsIT {

    private static final int INVOCATIONS = 8;

    static Stream<Path> jdks() {
        return ChildJvm.jdks();
    }

    private static ChildJvm.Result run(Path jdk, String mode, Class<?> handler) throws Exception {
        ChildJvm.Result result = ChildJvm.on(jdk).property("faasguard.handler", handler.getName() + "::handle")
                .run(TallyHost.class.getName(), mode, String.valueOf(INVOCATIONS));
        assertEquals(0, result.exitCode(), result::toString);
        assertFalse(result.stdout().contains("NeverUsed initialized"), "the agent initialized no class\n" + result);
        assertEquals(INVOCATIONS, result.report().get("invocations").size(), result::toString);
        return result;
    }

    /** This rule's findings: the /tmp this machine shares may show others' files as tmp-growth. */
    private static List<JsonNode> stateFindings(ChildJvm.Result result) {
        return result.findings().stream()
                .filter(finding -> finding.get("rule").asText().equals("state-across-invocations")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aStaticListAndAHandlerMapThatGrowAreOneFindingEachAtTheLineThatAdds(Path jdk) throws Exception {
        ChildJvm.Result result = run(jdk, "tally", OrderTally.class);
        SourceLines lines = new SourceLines(OrderTally.class);

        Map<Integer, JsonNode> byLine = new TreeMap<>();
        for (JsonNode finding : stateFindings(result)) {
            assertEquals("warning", finding.get("severity").asText());
            assertEquals(OrderTally.class.getName(), finding.at("/callSite/class").asText());
            assertEquals("handle", finding.at("/callSite/method").asText());
            byLine.put(finding.at("/callSite/line").asInt(), finding);
        }
        assertEquals(List.of(lines.of("staticAdd"), lines.of("instanceAdd")), List.copyOf(byLine.keySet()),
                result::toString);

        JsonNode orders = byLine.get(lines.of("staticAdd"));
        assertEquals(OrderTally.class.getName() + ".ORDERS_SEEN", orders.at("/detail/field").asText());
        assertEquals("static field", orders.at("/detail/kind").asText());
        assertEquals("java.util.ArrayList", orders.at("/detail/type").asText());
        assertEquals("[1,2,3,4,5,6]", orders.at("/detail/sizes").toString());
        assertEquals(3, orders.get("count").asInt(), "found growing at the 6th, 7th and 8th invocation ends");

        JsonNode totals = byLine.get(lines.of("instanceAdd"));
        assertEquals(OrderTally.class.getName() + ".totalsByCustomer", totals.at("/detail/field").asText());
        assertEquals("handler instance field", totals.at("/detail/kind").asText());
        assertEquals("java.util.HashMap", totals.at("/detail/type").asText());
        assertEquals("[1,2,3,4,5,6]", totals.at("/detail/sizes").toString());
        assertEquals(3, totals.get("count").asInt());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void stateThatStaysTheSameSizeIsNoFinding(Path jdk) throws Exception {
        ChildJvm.Result result = run(jdk, "fixed", FixedOrderTally.class);
        assertEquals(List.of(), stateFindings(result), result::toString);
    }
}
