package dev.faasguard.agent.finding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * Findings deduplicated by rule and call site, with exact counts under any number of threads.
 * The first occurrence of each key is kept whole and announced to the listeners.
 */
public final class FindingStore {

    private final ConcurrentHashMap<Finding.Key, Entry> entries = new ConcurrentHashMap<>();
    private final List<FindingListener> listeners = new CopyOnWriteArrayList<>();

    public void addListener(FindingListener listener) {
        listeners.add(listener);
    }

    public void record(Finding finding) {
        Entry fresh = new Entry(finding);
        Entry entry = entries.putIfAbsent(finding.key(), fresh);
        if (entry == null) {
            fresh.count.increment();
            for (FindingListener listener : listeners) {
                listener.firstOccurrence(finding);
            }
        } else {
            entry.count.increment();
        }
    }

    /** Every finding so far with its count, in the order they first happened. */
    public List<Counted> snapshot() {
        List<Counted> counted = new ArrayList<>(entries.size());
        for (Entry entry : entries.values()) {
            counted.add(new Counted(entry.first, entry.count.sum()));
        }
        counted.sort(Comparator.comparingLong((Counted c) -> c.first().epochMillis())
                .thenComparing(c -> c.first().key().toString()));
        return counted;
    }

    public record Counted(Finding first, long count) {}

    private static final class Entry {
        final Finding first;
        final LongAdder count = new LongAdder();

        Entry(Finding first) {
            this.first = first;
        }
    }
}
