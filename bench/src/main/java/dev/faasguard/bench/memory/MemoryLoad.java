package dev.faasguard.bench.memory;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import javax.management.ObjectName;

/**
 * The memory benchmark's program, run by {@link MemoryBenchmark} without and with the agent: {@code args[0]} warm
 * invocations of {@link MemoryHandler}, then the {@link CallSites} fired ({@value CallSites#REPEATS} findings at
 * each of {@value CallSites#CLASSES} × {@value CallSites#LINES_PER_CLASS} lines). Then a full GC, the heap in use
 * printed, then the class histogram of what is live ({@code jcmd GC.class_histogram}, taken in-process).
 */
public final class MemoryLoad {

    /** The line after which the class histogram follows. */
    static final String HISTOGRAM = "histogram:";

    private MemoryLoad() {
    }

    public static void main(String[] args) throws Exception {
        int invocations = Integer.parseInt(args[0]);
        MemoryHandler handler = new MemoryHandler();
        long start = System.nanoTime();
        for (int i = 0; i < invocations; i++) {
            handler.handle(i);
        }
        System.out.println("invocationsMs=" + (System.nanoTime() - start) / 1_000_000);
        start = System.nanoTime();
        for (int i = 0; i < CallSites.CLASSES; i++) {
            Class.forName(CallSites.className(i)).getMethod("fire").invoke(null);
        }
        System.out.println("findingsMs=" + (System.nanoTime() - start) / 1_000_000);
        // The bean first: setting up the platform's management allocates some 10 MB, which must not count.
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        System.out.println("heapUsedAfterGc=" + memory.getHeapMemoryUsage().getUsed());
        System.out.println(HISTOGRAM);
        System.out.println(ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()}));
    }
}
