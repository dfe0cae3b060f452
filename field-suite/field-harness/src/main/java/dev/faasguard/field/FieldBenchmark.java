package dev.faasguard.field;

import dev.faasguard.lambdasim.InvocationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What the agent costs a field function, measured as a caller of the function sees it: the cold start (the JVM's
 * start to the first response: lambda-sim's init plus the first invocation) and each warm invocation, with and
 * without the agent, environments interleaved run by run so that both variants share the machine's mood.
 * Run from each field module's {@code *Benchmark} test (not part of {@code mvn verify}); the figures go to
 * bench/RESULTS.md.
 */
public final class FieldBenchmark {

    private FieldBenchmark() {}

    /** Whether benchmarks run at all: only when asked for ({@code -Dfield.bench=true}, as bench/field-suite.sh does). */
    public static boolean enabled() {
        return Boolean.getBoolean("field.bench");
    }

    /** Environments per variant: {@code -Dfield.bench.runs}, 5 unless set. */
    public static int runs() {
        return Integer.getInteger("field.bench.runs", 5);
    }

    /**
     * One warm-up environment with the agent, which must answer every invocation with success (so the figures are
     * those of the function doing its work), then {@link #compare}; its rows printed and appended to the file named
     * by {@code -Dfield.bench.out}, under {@link #header()} when the file is new or empty.
     */
    public static void measure(String label, Path jdk, FieldRun.Function settings, List<String> events, int runs)
            throws IOException {
        FieldRun.Run warmUp = FieldRun.run(jdk, settings, true, events);
        boolean allSucceeded = warmUp.outcomes().stream()
                .allMatch(outcome -> outcome.startsWith("SUCCESS ") && !outcome.contains("statusCode\":5"));
        if (!allSucceeded) {
            throw new IllegalStateException(label + ": every invocation must succeed before it is measured\n" + warmUp);
        }
        if (!warmUp.findings().isEmpty()) {
            System.out.println("note: " + label + " has findings with this agent:\n" + warmUp.summary());
        }
        List<String> rows = compare(label, jdk, settings, events, runs);
        rows.forEach(System.out::println);
        String out = System.getProperty("field.bench.out", "");
        if (!out.isBlank()) {
            Path file = Path.of(out);
            if (!Files.exists(file) || Files.size(file) == 0) {
                Files.writeString(file, header() + "\n", StandardCharsets.UTF_8);
            }
            Files.write(file, rows, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }
    }

    /**
     * @param runs how many fresh environments per variant
     * @param events the first is the cold start, the others warm invocations in the same environment
     * @return one markdown table row per variant: label, JDK, runs, cold start and warm invocation medians (ms)
     */
    public static List<String> compare(String label, Path jdk, FieldRun.Function settings, List<String> events,
            int runs) throws IOException {
        Samples without = new Samples();
        Samples with = new Samples();
        for (int run = 0; run < runs; run++) {
            // Alternate which variant goes first, so neither always runs on a machine the other just warmed.
            boolean agentFirst = run % 2 == 1;
            measure(jdk, settings, events, agentFirst, agentFirst ? with : without);
            measure(jdk, settings, events, !agentFirst, agentFirst ? without : with);
        }
        String version = jdk.getFileName().toString();
        double coldCost = millis(with.coldMedian() - without.coldMedian());
        double warmCost = millis(with.warmMedian() - without.warmMedian());
        List<String> rows = new ArrayList<>();
        rows.add(row(label, version, "no agent", runs, without, ""));
        rows.add(row(label, version, "agent", runs, with,
                String.format(Locale.ROOT, "%+.0f ms cold, %+.2f ms warm", coldCost, warmCost)));
        return rows;
    }

    private static void measure(Path jdk, FieldRun.Function settings, List<String> events, boolean withAgent,
            Samples samples) throws IOException {
        FieldRun.Run run = FieldRun.run(jdk, settings, withAgent, events);
        List<InvocationResult> results = run.results();
        InvocationResult cold = results.get(0);
        if (!cold.coldStart()) {
            throw new IllegalStateException("the first invocation was not a cold start: " + run);
        }
        samples.cold.add(cold.initDuration().toNanos() + cold.duration().toNanos());
        for (InvocationResult warm : results.subList(1, results.size())) {
            if (warm.coldStart()) {
                throw new IllegalStateException("a later invocation started a new environment: " + run);
            }
            samples.warm.add(warm.duration().toNanos());
        }
    }

    private static String row(String label, String jdk, String variant, int runs, Samples samples, String cost) {
        return String.format(Locale.ROOT, "| %s | %s | %s | %d | %.0f | %.2f | %s |", label, jdk, variant, runs,
                millis(samples.coldMedian()), millis(samples.warmMedian()), cost);
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    /** The markdown header {@link #compare} rows go under. */
    public static String header() {
        return "| function | JDK | variant | environments | cold start, median ms | warm invocation, median ms | "
                + "agent's cost |\n|---|---|---|--:|--:|--:|---|";
    }

    /** Durations in nanoseconds: a warm invocation's cost is a fraction of a millisecond. */
    private static final class Samples {
        final List<Long> cold = new ArrayList<>();
        final List<Long> warm = new ArrayList<>();

        long coldMedian() {
            return median(cold);
        }

        long warmMedian() {
            return median(warm);
        }

        private static long median(List<Long> values) {
            if (values.isEmpty()) {
                return 0;
            }
            List<Long> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            return sorted.get((sorted.size() - 1) / 2);
        }
    }
}
