package dev.faasguard.agent.finding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Findings deduplicated by rule and call site, with exact counts under any number of threads.
 * The first occurrence of each key is kept whole and announced to the listeners.
 */
public final class FindingStore {

    private final ConcurrentHashMap<Finding.Key, Entry> entries = new ConcurrentHashMap<>();
    private final List<FindingListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong arrivals = new AtomicLong();

    public void addListener(FindingListener listener) {
        listeners.add(listener);
    }

    public void record(Finding finding) {
        count(finding);
        for (FindingListener listener : listeners) {
            listener.everyOccurrence(finding);
        }
    }

    private void count(Finding finding) {
        Entry entry = entries.get(finding.key());
        if (entry == null) {
            Entry fresh = new Entry(finding, arrivals.incrementAndGet());
            entry = entries.putIfAbsent(finding.key(), fresh);
            if (entry == null) {
                fresh.count.increment();
                for (FindingListener listener : listeners) {
                    listener.firstOccurrence(finding);
                }
                return;
            }
        }
        entry.count.increment();
    }

    /** Every finding so far with its count, in the order they first happened. */
    public List<Counted> snapshot() {
        List<Entry> ordered = new ArrayList<>(entries.values());
        ordered.sort(Comparator.comparingLong(entry -> entry.arrival));
        List<Counted> counted = new ArrayList<>(ordered.size());
        for (Entry entry : ordered) {
            counted.add(new Counted(entry.first, entry.count.sum()));
        }
        return counted;
    }

    public record Counted(Finding first, long count) {}

    private static final class Entry {
        final Finding first;
        final long arrival;
        final LongAdder count = new LongAdder();

        Entry(Finding first, long arrival) {
            this.first = first;
            this.arrival = arrival;
        }
    }
}
