package com.example.gc;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import javax.management.ObjectName;

/**
 * A library's failure path as old benchmark and test utilities write it: call {@code runFinalization} and
 * {@code gc} until the heap stops shrinking. Each call of {@link #handle} is one invocation (the agent's
 * {@code handler} option names it).
 */
public final class HeapSettler {

    /** Where the failure path's own allocations go, so that they are really made. */
    private static volatile Object scratch;

    /** What {@code handle("retention")} found: the agent's objects one settling left alive, by class. */
    static volatile Map<String, Long> retained = Map.of();

    private final int loops;

    public HeapSettler(int loops) {
        this.loops = loops;
    }

    /**
     * {@code settle}: runs the loop {@code loops} times and answers how many rounds, one full GC each, they took in
     * all. {@code retention}: counts the live objects of the agent's classes before and after one loop, and answers
     * how many more there are after it.
     */
    public int handle(String event) throws Exception {
        if (event.equals("retention")) {
            Map<String, Long> before = agentObjects();
            failurePathWork();
            settle();
            Map<String, Long> after = agentObjects();
            Map<String, Long> more = new TreeMap<>();
            after.forEach((type, count) -> {
                long added = count - before.getOrDefault(type, 0L);
                if (added > 0) {
                    more.put(type, added);
                }
            });
            retained = more;
            return (int) more.values().stream().mapToLong(Long::longValue).sum();
        }
        int rounds = 0;
        for (int i = 0; i < loops; i++) {
            failurePathWork();
            rounds += settle();
        }
        return rounds;
    }

    /**
     * What the failure path allocates before it settles the heap (its error, its diagnostics): 1 MiB of garbage,
     * so that the first round always frees something and every loop runs at least two rounds.
     */
    private static void failurePathWork() {
        for (int i = 0; i < 1024; i++) {
            scratch = new byte[1024];
        }
        scratch = null;
    }

    /** The loop: on JDK 17 to 25 each runFinalization starts a "Secondary finalizer" thread and joins it. */
    @SuppressWarnings({"removal", "deprecation"})
    static int settle() {
        Runtime runtime = Runtime.getRuntime();
        long used1 = used(runtime);
        long used2 = Long.MAX_VALUE;
        int rounds = 0;
        for (; used1 < used2 && rounds < 500; rounds++) {
            runtime.runFinalization();
            runtime.gc();
            Thread.yield();
            used2 = used1;
            used1 = used(runtime);
        }
        return rounds;
    }

    private static long used(Runtime runtime) {
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** Live instances of classes under {@code dev.faasguard.}, by class, from a class histogram (after a full GC). */
    static Map<String, Long> agentObjects() throws Exception {
        String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Map<String, Long> counts = new TreeMap<>();
        for (String line : histogram.split("\n")) {
            // "   12:            40           1280  dev.faasguard.agent.SomeClass"
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 4 && fields[0].endsWith(":") && fields[3].startsWith("dev.faasguard.")) {
                counts.merge(fields[3], Long.parseLong(fields[1]), Long::sum);
            }
        }
        return counts;
    }
}
