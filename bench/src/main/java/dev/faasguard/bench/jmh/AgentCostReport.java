package dev.faasguard.bench.jmh;

import dev.faasguard.bench.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads two JMH JSON result files (the same benchmarks run without and with the agent) and prints them side by
 * side: score ± error of each, the difference, and whether it meets its target. A benchmark's target is "within
 * error" (the agent's cost is not measurable), or, for one given a budget with {@code --budget name=amount}, that
 * the agent adds at most that amount, in the benchmark's unit.
 *
 * <p>JMH's "error" is the half-width of the 99.9 % confidence interval of the score. The two runs are independent,
 * so the combined error of their difference is {@code sqrt(eBaseline² + eAgent²)}; a difference no larger than that
 * is "within error", i.e. not measurable with these settings. A budget is met when the difference plus the combined
 * error, the most the agent can add at that confidence, is within it.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.faasguard.bench.jmh.AgentCostReport \
 *     --baseline bench/target/hot-paths-baseline.json --agent bench/target/hot-paths-agent.json \
 *     [--budget futureGetUntimedRepeated=2000]... [--out bench/target/hot-paths-results.md]
 * </pre>
 *
 * Exit status: 0 every target met, 1 at least one is not, 2 a benchmark is missing from one run or has no error
 * estimate, 64 bad arguments or unreadable files.
 */
public final class AgentCostReport {

    private static final String USAGE = "usage: AgentCostReport --baseline <jmh.json> --agent <jmh.json> "
            + "[--budget <benchmark>=<amount>]... [--out <table.md>]";

    /** One benchmark's score from a JMH JSON result file. */
    public record Score(String benchmark, String mode, double score, double error, String unit) {

        /** The method name: the part after the last dot of JMH's fully qualified benchmark name. */
        public String shortName() {
            return benchmark.substring(benchmark.lastIndexOf('.') + 1);
        }
    }

    /**
     * A benchmark measured in both runs, and its target.
     *
     * @param budget the most the agent may add, in the benchmark's unit; NaN for "within error"
     */
    public record Comparison(Score baseline, Score agent, double budget) {

        public Comparison(Score baseline, Score agent) {
            this(baseline, agent, Double.NaN);
        }

        public double difference() {
            return agent.score() - baseline.score();
        }

        public double differencePercent() {
            return 100.0 * difference() / baseline.score();
        }

        /** {@code sqrt(eBaseline² + eAgent²)}; NaN when either run has no error estimate. */
        public double combinedError() {
            return Math.sqrt(baseline.error() * baseline.error() + agent.error() * agent.error());
        }

        /** Whether |difference| ≤ combined error; false when there is no error estimate. */
        public boolean withinError() {
            double combined = combinedError();
            return !Double.isNaN(combined) && Math.abs(difference()) <= combined;
        }

        public boolean hasBudget() {
            return !Double.isNaN(budget);
        }

        /** Within error, or with a budget: difference + combined error ≤ budget. False without an error estimate. */
        public boolean met() {
            double combined = combinedError();
            return hasBudget() ? !Double.isNaN(combined) && difference() + combined <= budget : withinError();
        }

        String target() {
            return hasBudget() ? "adds ≤ " + number(budget) : "within error";
        }
    }

    private AgentCostReport() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, Double> budgets = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String key = args[i];
            boolean known = key.equals("--baseline") || key.equals("--agent") || key.equals("--out")
                    || key.equals("--budget");
            if (!known || i + 1 == args.length) {
                err.println(USAGE);
                return 64;
            }
            String value = args[++i];
            if (key.equals("--budget")) {
                int equals = value.indexOf('=');
                try {
                    if (equals <= 0) {
                        throw new NumberFormatException("no name");
                    }
                    budgets.put(value.substring(0, equals), Double.parseDouble(value.substring(equals + 1)));
                } catch (NumberFormatException e) {
                    err.println("bad budget '" + value + "': expected <benchmark>=<amount>\n" + USAGE);
                    return 64;
                }
            } else {
                options.put(key, value);
            }
        }
        if (!options.containsKey("--baseline") || !options.containsKey("--agent")) {
            err.println(USAGE);
            return 64;
        }
        List<Score> baseline;
        List<Score> agent;
        try {
            baseline = parse(Files.readString(Path.of(options.get("--baseline")), StandardCharsets.UTF_8));
            agent = parse(Files.readString(Path.of(options.get("--agent")), StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            err.println("cannot read the JMH results: " + e.getMessage());
            return 64;
        }
        List<String> problems = new ArrayList<>();
        List<Comparison> comparisons = compare(baseline, agent, budgets, problems);
        String table = table(comparisons) + "\n" + summary(comparisons, problems) + "\n";
        out.print(table);
        if (options.containsKey("--out")) {
            try {
                Files.writeString(Path.of(options.get("--out")), table, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("cannot write " + options.get("--out") + ": " + e.getMessage());
                return 64;
            }
        }
        if (!problems.isEmpty()) {
            return 2;
        }
        return comparisons.stream().allMatch(Comparison::met) ? 0 : 1;
    }

    /** The scores in a JMH JSON result file ({@code -rf json}), in file order. */
    public static List<Score> parse(String json) {
        Object root = new Json(json).document();
        if (!(root instanceof List<?> runs)) {
            throw new IllegalArgumentException("a JMH JSON result is an array, got " + describe(root));
        }
        List<Score> scores = new ArrayList<>();
        for (Object run : runs) {
            Map<?, ?> object = asObject(run, "benchmark run");
            Map<?, ?> metric = asObject(object.get("primaryMetric"), "primaryMetric");
            scores.add(new Score(asString(object.get("benchmark"), "benchmark"), asString(object.get("mode"), "mode"),
                    asNumber(metric.get("score"), "score"), asNumber(metric.get("scoreError"), "scoreError"),
                    asString(metric.get("scoreUnit"), "scoreUnit")));
        }
        return scores;
    }

    /**
     * Pairs the runs by benchmark name and mode, in the baseline's order, each with its budget (by short name) if it
     * has one. A benchmark found in one run only, or measured in different units, or without an error estimate, or
     * a budget for no benchmark, is reported in {@code problems}.
     */
    public static List<Comparison> compare(List<Score> baseline, List<Score> agent, Map<String, Double> budgets,
            List<String> problems) {
        Map<String, Score> agentByKey = new LinkedHashMap<>();
        for (Score score : agent) {
            agentByKey.put(score.benchmark() + " " + score.mode(), score);
        }
        Map<String, Double> unused = new LinkedHashMap<>(budgets);
        List<Comparison> comparisons = new ArrayList<>();
        for (Score base : baseline) {
            Score withAgent = agentByKey.remove(base.benchmark() + " " + base.mode());
            unused.remove(base.shortName());
            if (withAgent == null) {
                problems.add(base.shortName() + " (" + base.mode() + ") is missing from the agent run");
            } else if (!withAgent.unit().equals(base.unit())) {
                problems.add(base.shortName() + ": units differ (" + base.unit() + " vs " + withAgent.unit() + ")");
            } else {
                Comparison comparison = new Comparison(base, withAgent,
                        budgets.getOrDefault(base.shortName(), Double.NaN));
                if (Double.isNaN(comparison.combinedError())) {
                    problems.add(base.shortName() + " has no error estimate (too few iterations)");
                }
                comparisons.add(comparison);
            }
        }
        for (Score extra : agentByKey.values()) {
            problems.add(extra.shortName() + " (" + extra.mode() + ") is missing from the baseline run");
        }
        for (String name : unused.keySet()) {
            problems.add("a budget for " + name + ", which neither run measured");
        }
        return comparisons;
    }

    /** A Markdown table, one row per benchmark. */
    public static String table(List<Comparison> comparisons) {
        StringBuilder out = new StringBuilder();
        out.append("| Benchmark | Unit | Baseline | With agent | Difference | Combined error | Target | Met? |\n");
        out.append("|---|---|--:|--:|--:|--:|---|---|\n");
        for (Comparison c : comparisons) {
            out.append("| ").append(c.baseline().shortName())
                    .append(" | ").append(c.baseline().unit())
                    .append(" | ").append(number(c.baseline().score())).append(" ± ").append(number(c.baseline().error()))
                    .append(" | ").append(number(c.agent().score())).append(" ± ").append(number(c.agent().error()))
                    .append(" | ").append(signed(c.difference()))
                    .append(" (").append(String.format(Locale.ROOT, "%+.1f %%", c.differencePercent())).append(")")
                    .append(" | ± ").append(number(c.combinedError()))
                    .append(" | ").append(c.target())
                    .append(" | ").append(Double.isNaN(c.combinedError()) ? "n/a" : c.met() ? "yes" : "**no**")
                    .append(" |\n");
        }
        return out.toString();
    }

    static String summary(List<Comparison> comparisons, List<String> problems) {
        StringBuilder out = new StringBuilder();
        long unknown = comparisons.stream().filter(c -> Double.isNaN(c.combinedError())).count();
        long missed = comparisons.stream().filter(c -> !c.met()).count() - unknown;
        out.append("Error: JMH's 99.9 % confidence half-width; combined error = sqrt(baseline error² + agent error²).\n");
        if (comparisons.stream().anyMatch(Comparison::hasBudget)) {
            out.append("A budget is met when difference + combined error ≤ budget.\n");
        }
        if (unknown == comparisons.size()) {
            out.append("No target can be judged: no error estimates.\n");
        } else if (missed == 0 && unknown == 0) {
            out.append("All " + comparisons.size() + " targets are met.\n");
        } else {
            out.append(missed + " of " + (comparisons.size() - unknown)
                    + " targets with an error estimate are NOT met.\n");
        }
        for (String problem : problems) {
            out.append("problem: ").append(problem).append('\n');
        }
        return out.toString();
    }

    /** Three significant digits at least, no exponent, grouping-free: 12.3, 1.05, 48213. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        double magnitude = Math.abs(value);
        int decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    static String signed(double value) {
        String text = number(value);
        return value >= 0 && !text.startsWith("-") ? "+" + text : text;
    }

    private static Map<?, ?> asObject(Object value, String what) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalArgumentException(what + " should be an object, got " + describe(value));
    }

    private static String asString(Object value, String what) {
        if (value instanceof String text) {
            return text;
        }
        throw new IllegalArgumentException(what + " should be a string, got " + describe(value));
    }

    /** A JSON number, or the strings JMH writes for non-finite values ("NaN", "Infinity", "-Infinity"). */
    private static double asNumber(Object value, String what) {
        if (value instanceof Double number) {
            return number;
        }
        if (value instanceof String text) {
            switch (text) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(what + " should be a number, got " + describe(value));
    }

    private static String describe(Object value) {
        return value == null ? "null" : value instanceof Map ? "an object" : value instanceof List ? "an array"
                : "'" + value + "'";
    }
}
