package dev.faasguard.agent.finding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IgnoreListTest {

    private static final CallSite SAVE = new CallSite("com.example.Store", "save", "Store.java", 42);
    private static final CallSite LOAD = new CallSite("com.example.Store", "load", "Store.java", 50);
    private static final CallSite OTHER = new CallSite("org.other.Thing", "run", "Thing.java", 7);

    @Test
    void matchesClassMethodAndPackagePrefix() {
        assertTrue(IgnoreList.parse(List.of("write-outside-tmp@com.example.Store")).silences("write-outside-tmp", LOAD));
        IgnoreList method = IgnoreList.parse(List.of("write-outside-tmp@com.example.Store#save"));
        assertTrue(method.silences("write-outside-tmp", SAVE));
        assertFalse(method.silences("write-outside-tmp", LOAD));
        IgnoreList anyRuleInPackage = IgnoreList.parse(List.of("*@com.example."));
        assertTrue(anyRuleInPackage.silences("join-without-timeout", SAVE));
        assertFalse(anyRuleInPackage.silences("join-without-timeout", OTHER));
        assertFalse(IgnoreList.parse(List.of("join-without-timeout@com.example.Store")).silences("write-outside-tmp", SAVE));
        assertFalse(IgnoreList.parse(List.of("*@com.example.Sto")).silences("write-outside-tmp", SAVE),
                "a class name is not a prefix unless it ends with a dot");
    }

    @Test
    void countsWhatEachEntrySilenced() {
        IgnoreList ignore = IgnoreList.parse(List.of("*@com.example.Store#save", "*@org.other."));
        ignore.silences("write-outside-tmp", SAVE);
        ignore.silences("write-outside-tmp", SAVE);
        ignore.silences("join-without-timeout", OTHER);
        ignore.silences("join-without-timeout", LOAD);
        assertEquals(List.of(
                Map.of("pattern", "*@com.example.Store#save", "rule", "write-outside-tmp", "count", 2L),
                Map.of("pattern", "*@org.other.", "rule", "join-without-timeout", "count", 1L)), ignore.counts());
    }

    @Test
    void malformedEntriesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> IgnoreList.parse(List.of("com.example.Store")));
        assertThrows(IllegalArgumentException.class, () -> IgnoreList.parse(List.of("rule@")));
        assertThrows(IllegalArgumentException.class, () -> IgnoreList.parse(List.of("@com.example")));
    }
}
