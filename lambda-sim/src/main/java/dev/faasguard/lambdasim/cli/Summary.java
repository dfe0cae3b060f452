package dev.faasguard.lambdasim.cli;

import dev.faasguard.lambdasim.InvocationResult;
import dev.faasguard.lambdasim.Outcome;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** The closing lines: counts per outcome, cold starts, restores, duration percentiles, what is still running. */
final class Summary {
    private Summary() {
    }

    static String of(List<InvocationResult> results) {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        List<Long> durations = new ArrayList<>();
        List<Long> inits = new ArrayList<>();
        List<Long> restores = new ArrayList<>();
        List<Long> ages = new ArrayList<>();
        int cold = 0;
        for (InvocationResult r : results) {
            counts.merge(r.outcome(), 1, Integer::sum);
            durations.add(r.duration().toMillis());
            if (r.coldStart()) {
                cold++;
                inits.add(r.initDuration().toMillis());
            }
            if (r.restored()) {
                restores.add(r.restore().duration().toMillis());
                ages.add(r.restore().snapshotAge().toMillis());
            }
        }
        StringJoiner outcomes = new StringJoiner(", ");
        counts.forEach((o, n) -> outcomes.add(n + " " + o.label()));
        StringBuilder b = new StringBuilder();
        b.append("summary: ").append(results.size()).append(results.size() == 1 ? " invocation: " : " invocations: ")
                .append(outcomes).append('\n');
        b.append("  cold starts: ").append(cold);
        if (!inits.isEmpty()) {
            b.append(" (init p50 ").append(percentile(inits, 50)).append(" ms, max ").append(percentile(inits, 100))
                    .append(" ms)");
        }
        b.append('\n');
        if (!restores.isEmpty()) {
            b.append("  restores: ").append(restores.size()).append(" (restore p50 ").append(percentile(restores, 50))
                    .append(" ms, max ").append(percentile(restores, 100)).append(" ms; snapshot age max ")
                    .append(percentile(ages, 100)).append(" ms)\n");
        }
        if (!durations.isEmpty()) {
            b.append("  duration: p50 ").append(percentile(durations, 50)).append(" ms, p90 ")
                    .append(percentile(durations, 90)).append(" ms, p99 ").append(percentile(durations, 99))
                    .append(" ms, max ").append(percentile(durations, 100)).append(" ms\n");
        }
        return b.toString();
    }

    /**
     * {@code   still running ...: #5, #7} for the invocations whose request ids the environment's runtime still
     * works on (under {@code --max-concurrency}, past their deadline and never stopped), or empty.
     */
    static String stillRunning(List<InvocationResult> results, List<String> requestIds) {
        StringJoiner numbers = new StringJoiner(", ");
        for (InvocationResult r : results) {
            if (requestIds.contains(r.requestId())) {
                numbers.add("#" + r.number());
            }
        }
        return numbers.length() == 0 ? "" : "  still running, past the deadline and never stopped (the JVM is killed"
                + " as lambda-sim exits): " + numbers;
    }

    /** Nearest-rank percentile. */
    static long percentile(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
