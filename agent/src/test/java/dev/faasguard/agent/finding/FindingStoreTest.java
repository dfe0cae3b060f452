package dev.faasguard.agent.finding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.faasguard.agent.rule.RuleDescription;
import dev.faasguard.agent.rule.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class FindingStoreTest {

    private static final RuleDescription RULE = new RuleDescription("test-rule", Severity.WARNING, "summary", "fix",
            List.of());

    private static Finding at(int line) {
        return new Finding(RULE, "message", "fix", new CallSite("com.example.A", "m", "A.java", line), List.of(),
                Map.of(), line, null);
    }

    @Test
    void anAmendedFindingKeepsItsCountAndItsListenersHearItOnce() {
        FindingStore store = new FindingStore();
        List<String> heard = new ArrayList<>();
        store.addListener(new FindingListener() {
            @Override
            public void firstOccurrence(Finding finding) {
                heard.add("first " + finding.message());
            }

            @Override
            public void amended(Finding finding) {
                heard.add("amended " + finding.message() + " " + finding.detail());
            }
        });
        store.record(at(10));
        store.record(at(10));
        store.amend(at(10).key(), first -> first.amended("message, and more", Map.of("usedAt", "B.java:3")));
        store.amend(at(99).key(), first -> first.amended("never", Map.of()));

        List<FindingStore.Counted> counted = store.snapshot();
        assertEquals(1, counted.size(), "no finding at line 99 is made by an amendment");
        assertEquals(2, counted.get(0).count());
        assertEquals("message, and more", counted.get(0).first().message());
        assertEquals(10, counted.get(0).first().callSite().line());
        assertEquals(List.of("first message", "amended message, and more {usedAt=B.java:3}"), heard);
    }

    @Test
    void oneEntryPerRuleAndCallSiteWithExactCountsUnderContention() throws Exception {
        FindingStore store = new FindingStore();
        List<Finding> announced = new ArrayList<>();
        AtomicLong occurrences = new AtomicLong();
        store.addListener(new FindingListener() {
            @Override
            public void firstOccurrence(Finding finding) {
                synchronized (announced) {
                    announced.add(finding);
                }
            }

            @Override
            public void everyOccurrence(Finding finding) {
                occurrences.incrementAndGet();
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < 8; t++) {
            pool.execute(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < 10_000; i++) {
                    store.record(at(i % 2 == 0 ? 10 : 20));
                }
            });
        }
        go.countDown();
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);

        List<FindingStore.Counted> snapshot = store.snapshot();
        assertEquals(2, snapshot.size());
        assertEquals(40_000, snapshot.get(0).count());
        assertEquals(40_000, snapshot.get(1).count());
        assertEquals(2, announced.size(), "each call site announced once");
        assertEquals(80_000, occurrences.get(), "every occurrence heard");
    }

    @Test
    void aRepeatIsBuiltOnlyForAListenerThatHearsEveryOccurrence() {
        FindingStore store = new FindingStore();
        store.addListener(new FindingListener() {
            @Override
            public void firstOccurrence(Finding finding) {}
        });
        AtomicLong built = new AtomicLong();
        Supplier<Finding> occurrence = () -> {
            built.incrementAndGet();
            return at(10);
        };
        for (int i = 0; i < 5; i++) {
            store.record(at(10).key(), occurrence);
        }
        assertEquals(1, built.get(), "only the first: a repeat is counted");
        assertEquals(5, store.snapshot().get(0).count());

        AtomicLong heard = new AtomicLong();
        store.addListener(new FindingListener() {
            @Override
            public void everyOccurrence(Finding finding) {
                heard.incrementAndGet();
            }
        });
        store.record(at(10).key(), occurrence);
        assertEquals(2, built.get(), "built for the listener that hears every occurrence");
        assertEquals(1, heard.get());
        assertEquals(6, store.snapshot().get(0).count());
    }

    @Test
    void snapshotIsInTheOrderFindingsFirstHappened() {
        FindingStore store = new FindingStore();
        store.record(at(30));
        store.record(at(5));
        assertEquals(List.of(30, 5), store.snapshot().stream().map(c -> c.first().callSite().line()).toList());
    }
}
