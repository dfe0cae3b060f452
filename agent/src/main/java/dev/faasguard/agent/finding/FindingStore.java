package dev.faasguard.agent.finding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Findings deduplicated by rule and call site, with exact counts under any number of threads.
 * The first occurrence of each key is kept whole and announced to the listeners; a repeat is only counted, and
 * built whole only when a listener hears every occurrence.
 */
public final class FindingStore {

    private final ConcurrentHashMap<Finding.Key, Entry> entries = new ConcurrentHashMap<>();
    private final List<FindingListener> listeners = new CopyOnWriteArrayList<>();
    /** The listeners that do something with every occurrence, not only with the first. */
    private final List<FindingListener> hearingEvery = new CopyOnWriteArrayList<>();
    private final AtomicLong arrivals = new AtomicLong();

    public void addListener(FindingListener listener) {
        listeners.add(listener);
        if (overridesEveryOccurrence(listener)) {
            hearingEvery.add(listener);
        }
    }

    public void record(Finding finding) {
        record(finding.key(), () -> finding);
    }

    /** Counts one occurrence of {@code key}; {@code occurrence} is asked for the finding only when it is needed. */
    public void record(Finding.Key key, Supplier<Finding> occurrence) {
        Finding built = null;
        Entry entry = entries.get(key);
        if (entry == null) {
            built = occurrence.get();
            Entry fresh = new Entry(built, arrivals.incrementAndGet());
            entry = entries.putIfAbsent(key, fresh);
            if (entry == null) {
                fresh.count.increment();
                for (FindingListener listener : listeners) {
                    listener.firstOccurrence(built);
                }
            }
        }
        if (entry != null) {
            entry.count.increment();
        }
        if (!hearingEvery.isEmpty()) {
            Finding every = built != null ? built : occurrence.get();
            for (FindingListener listener : hearingEvery) {
                listener.everyOccurrence(every);
            }
        }
    }

    /**
     * Replaces the finding kept for {@code key} with what {@code amendment} makes of it (its count stays), and tells
     * the listeners. Nothing happens when no finding has that key.
     */
    public void amend(Finding.Key key, UnaryOperator<Finding> amendment) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return;
        }
        Finding amended;
        synchronized (entry) {
            amended = amendment.apply(entry.first);
            entry.first = amended;
        }
        for (FindingListener listener : listeners) {
            listener.amended(amended);
        }
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

    /** Whether the listener's class replaces {@link FindingListener#everyOccurrence}'s default, which does nothing. */
    private static boolean overridesEveryOccurrence(FindingListener listener) {
        try {
            return listener.getClass().getMethod("everyOccurrence", Finding.class).getDeclaringClass()
                    != FindingListener.class;
        } catch (NoSuchMethodException cannotHappen) {
            return true;
        }
    }

    private static final class Entry {
        /** The first occurrence, or what an amendment made of it. */
        volatile Finding first;
        final long arrival;
        final LongAdder count = new LongAdder();

        Entry(Finding first, long arrival) {
            this.first = first;
            this.arrival = arrival;
        }
    }
}
