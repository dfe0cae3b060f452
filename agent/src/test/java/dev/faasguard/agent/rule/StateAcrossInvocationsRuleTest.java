package dev.faasguard.agent.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A collection's sizes at the last invocation ends, judged: steady growth fires; everything that settles is quiet. */
class StateAcrossInvocationsRuleTest {

    private final StateAcrossInvocationsRule rule = new StateAcrossInvocationsRule();

    private Optional<Violation> judge(String boundedBy, Integer... sizes) {
        return rule.evaluate(new StateAcrossInvocationsRule.FieldSizes("com.example.Fn.ITEMS", "java.util.ArrayList",
                List.of(sizes), boundedBy, false, "inv-6"));
    }

    @Test
    void aCollectionThatGrewAtEachOfTheLastFiveInvocationsIsAFinding() {
        Violation violation = judge(null, 1, 2, 3, 4, 5, 6).orElseThrow();
        Map<String, Object> detail = violation.detail();
        assertEquals("com.example.Fn.ITEMS", detail.get("field"));
        assertEquals("static field", detail.get("kind"));
        assertEquals("java.util.ArrayList", detail.get("type"));
        assertEquals(List.of(1, 2, 3, 4, 5, 6), detail.get("sizes"));
        assertEquals("inv-6", detail.get("invocation"));
        assertTrue(violation.message().contains("com.example.Fn.ITEMS grew at each of the last 5 invocations (1 to 6"),
                violation.message());
        assertTrue(judge(null, 10, 20, 21, 400, 401, 402).isPresent(), "by any amount");
    }

    @Test
    void aHandlerInstanceFieldSaysSo() {
        Violation violation = rule.evaluate(new StateAcrossInvocationsRule.FieldSizes("com.example.Fn.seen",
                "java.util.HashMap", List.of(1, 2, 3, 4, 5, 6), null, true, "inv-6")).orElseThrow();
        assertEquals("handler instance field", violation.detail().get("kind"));
    }

    @Test
    void fewerThanFiveGrowthsAreNothingYet() {
        assertEquals(Optional.empty(), judge(null, 1, 2, 3, 4, 5));
        assertEquals(Optional.empty(), judge(null, 1));
    }

    @Test
    void collectionsThatSettleOrShrinkAreQuiet() {
        assertEquals(Optional.empty(), judge(null, 3, 3, 3, 3, 3, 3), "filled at init");
        assertEquals(Optional.empty(), judge(null, 10, 10, 10, 10, 10, 10), "filled once at the first invocation");
        assertEquals(Optional.empty(), judge(null, 1, 2, 3, 3, 3, 3), "an LRU cache at its limit");
        assertEquals(Optional.empty(), judge(null, 1, 2, 3, 4, 2, 3), "an evicting cache");
        assertEquals(Optional.empty(), judge(null, 1, 2, 3, 3, 4, 5), "a pause in the growth starts over");
    }

    @Test
    void aCollectionBoundedByConstructionIsQuietWhileItFillsUp() {
        assertEquals(Optional.empty(), judge("LinkedHashMap evicting its eldest entry (removeEldestEntry)",
                1, 2, 3, 4, 5, 6));
    }
}
