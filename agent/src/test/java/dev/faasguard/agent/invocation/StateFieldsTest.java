package dev.faasguard.agent.invocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasguard.agent.finding.CallSite;
import dev.faasguard.agent.finding.FindingRecorder;
import dev.faasguard.agent.finding.FindingStore;
import dev.faasguard.agent.finding.IgnoreList;
import dev.faasguard.agent.rule.StateAcrossInvocationsRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

/**
 * The sampler on real classes and a real handler object: which fields it sizes, what it leaves alone, where it says
 * the field was added to, and how often it counts a field that keeps growing.
 */
class StateFieldsTest {

    /** The handler's statics: one that grows, one filled in the static initializer, one with a user's own size(). */
    static final class Ledger {
        static final List<String> ENTRIES = new ArrayList<>();
        static final Map<String, Integer> RATES = new HashMap<>(Map.of("EUR", 1, "USD", 2));
        static final List<String> COUNTED = new CountingList();
        static final ConcurrentLinkedQueue<String> WALKED = new ConcurrentLinkedQueue<>();
        static final LinkedBlockingQueue<String> CAPPED = new LinkedBlockingQueue<>(100);
        static final Map<String, String> LRU = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > 100;
            }
        };

        static void record(Map<String, Object> event) {
            ENTRIES.add((String) event.get("id")); // @line entries
            COUNTED.add("x");
            WALKED.add("x");
            CAPPED.offer("x");
            LRU.put(String.valueOf(event.get("id")), "x");
        }
    }

    /** A list whose size() is the application's: the agent never calls it. */
    static final class CountingList extends ArrayList<String> {
        static int sizeCalls;

        @Override
        public int size() {
            sizeCalls++;
            return super.size();
        }
    }

    /** A handler object with a map that grows and one that was filled once. */
    static final class Handler {
        private final Map<String, String> seen = new HashMap<>();
        private final Map<String, String> config = new HashMap<>(Map.of("region", "eu-west-1"));

        void handle(String id) {
            seen.put(id, id); // @line seen
        }
    }

    private final FindingStore store = new FindingStore();
    private final StateFields fields = new StateFields(new StateAcrossInvocationsRule(),
            new FindingRecorder(store, IgnoreList.NONE, () -> null),
            name -> name.startsWith(StateFieldsTest.class.getName()));

    private List<FindingStore.Counted> invocations(int count, Runnable each) {
        for (int i = 1; i <= count; i++) {
            each.run();
            fields.sample("inv-" + i);
        }
        return store.snapshot();
    }

    private static int line(String marker) throws IOException {
        List<String> source = Files.readAllLines(Path.of("src/test/java",
                StateFieldsTest.class.getName().replace('.', '/') + ".java"));
        for (int i = 0; i < source.size(); i++) {
            if (source.get(i).endsWith("// @line " + marker)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(marker);
    }

    @Test
    void aStaticListAppendedToAtEachInvocationIsOneFindingAtTheLineThatAdds() throws IOException {
        fields.classInitialized(Ledger.class);
        int[] id = {0};
        List<FindingStore.Counted> found = invocations(8,
                () -> Ledger.record(Map.of("id", "order-" + id[0]++)));

        assertEquals(1, found.size(), found::toString);
        FindingStore.Counted entries = found.get(0);
        assertEquals(new CallSite(Ledger.class.getName(), "record", "StateFieldsTest.java", line("entries")),
                entries.first().callSite());
        assertEquals(3, entries.count(), "the 6th, 7th and 8th invocation ends: each after 5 growths");
        Map<String, Object> detail = entries.first().detail();
        assertEquals(Ledger.class.getName() + ".ENTRIES", detail.get("field"));
        assertEquals(List.of(1, 2, 3, 4, 5, 6), detail.get("sizes"));
        assertEquals("inv-6", detail.get("invocation"));
        assertEquals(List.of(Ledger.class.getName() + ".record(StateFieldsTest.java:" + line("entries") + ")"),
                detail.get("addedAt"));
        assertEquals(0, CountingList.sizeCalls, "the application's own size() is never called");
    }

    @Test
    void theHandlerInstancesMapThatGrowsIsAFindingAndTheOneFilledOnceIsNot() throws IOException {
        Handler handler = new Handler();
        fields.handler(handler);
        int[] id = {0};
        List<FindingStore.Counted> found = invocations(6, () -> handler.handle("request-" + id[0]++));

        assertEquals(1, found.size(), found::toString);
        assertEquals(new CallSite(Handler.class.getName(), "handle", "StateFieldsTest.java", line("seen")),
                found.get(0).first().callSite());
        assertEquals("handler instance field", found.get(0).first().detail().get("kind"));
        assertEquals(Handler.class.getName() + ".seen", found.get(0).first().detail().get("field"));
    }

    @Test
    void aNewHandlerInstanceStartsOver() {
        int[] id = {0};
        List<FindingStore.Counted> found = invocations(8, () -> {
            Handler handler = new Handler();
            fields.handler(handler);
            handler.handle("request-" + id[0]++);
        });
        assertEquals(List.of(), found);
    }
}
