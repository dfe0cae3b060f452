package dev.faasguard.bench.jmh;

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
 * side: score ± error of each, the difference, and whether the difference is within the combined error.
 *
 * <p>JMH's "error" is the half-width of the 99.9 % confidence interval of the score. The two runs are independent,
 * so the combined error of their difference is {@code sqrt(eBaseline² + eAgent²)}; a difference no larger than that
 * is "within error", i.e. not measurable with these settings.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.faasguard.bench.jmh.TimedCallsReport \
 *     --baseline bench/target/timed-calls-baseline.json --agent bench/target/timed-calls-agent.json \
 *     [--out bench/target/timed-calls-results.md]
 * </pre>
 *
 * Exit status: 0 every difference within error, 1 at least one is not, 2 a benchmark is missing from one run or
 * has no error estimate, 64 bad arguments or unreadable files.
 */
public final class TimedCallsReport {

    /** One benchmark's score from a JMH JSON result file. */
    public record Score(String benchmark, String mode, double score, double error, String unit) {

        /** The method name: the part after the last dot of JMH's fully qualified benchmark name. */
        public String shortName() {
            return benchmark.substring(benchmark.lastIndexOf('.') + 1);
        }
    }

    /** A benchmark measured in both runs. */
    public record Comparison(Score baseline, Score agent) {

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
    }

    private TimedCallsReport() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String key = args[i];
            if (!(key.equals("--baseline") || key.equals("--agent") || key.equals("--out")) || i + 1 == args.length) {
                err.println("usage: TimedCallsReport --baseline <jmh.json> --agent <jmh.json> [--out <table.md>]");
                return 64;
            }
            options.put(key, args[++i]);
        }
        if (!options.containsKey("--baseline") || !options.containsKey("--agent")) {
            err.println("usage: TimedCallsReport --baseline <jmh.json> --agent <jmh.json> [--out <table.md>]");
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
        List<Comparison> comparisons = compare(baseline, agent, problems);
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
        return comparisons.stream().allMatch(Comparison::withinError) ? 0 : 1;
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
     * Pairs the runs by benchmark name and mode, in the baseline's order. A benchmark found in one run only, or
     * measured in different units, or without an error estimate, is reported in {@code problems}.
     */
    public static List<Comparison> compare(List<Score> baseline, List<Score> agent, List<String> problems) {
        Map<String, Score> agentByKey = new LinkedHashMap<>();
        for (Score score : agent) {
            agentByKey.put(score.benchmark() + " " + score.mode(), score);
        }
        List<Comparison> comparisons = new ArrayList<>();
        for (Score base : baseline) {
            Score withAgent = agentByKey.remove(base.benchmark() + " " + base.mode());
            if (withAgent == null) {
                problems.add(base.shortName() + " (" + base.mode() + ") is missing from the agent run");
            } else if (!withAgent.unit().equals(base.unit())) {
                problems.add(base.shortName() + ": units differ (" + base.unit() + " vs " + withAgent.unit() + ")");
            } else {
                Comparison comparison = new Comparison(base, withAgent);
                if (Double.isNaN(comparison.combinedError())) {
                    problems.add(base.shortName() + " has no error estimate (too few iterations)");
                }
                comparisons.add(comparison);
            }
        }
        for (Score extra : agentByKey.values()) {
            problems.add(extra.shortName() + " (" + extra.mode() + ") is missing from the baseline run");
        }
        return comparisons;
    }

    /** A Markdown table, one row per benchmark. */
    public static String table(List<Comparison> comparisons) {
        StringBuilder out = new StringBuilder();
        out.append("| Benchmark | Unit | Baseline | With agent | Difference | Combined error | Within error? |\n");
        out.append("|---|---|--:|--:|--:|--:|---|\n");
        for (Comparison c : comparisons) {
            out.append("| ").append(c.baseline().shortName())
                    .append(" | ").append(c.baseline().unit())
                    .append(" | ").append(number(c.baseline().score())).append(" ± ").append(number(c.baseline().error()))
                    .append(" | ").append(number(c.agent().score())).append(" ± ").append(number(c.agent().error()))
                    .append(" | ").append(signed(c.difference()))
                    .append(" (").append(String.format(Locale.ROOT, "%+.1f %%", c.differencePercent())).append(")")
                    .append(" | ± ").append(number(c.combinedError()))
                    .append(" | ").append(Double.isNaN(c.combinedError()) ? "n/a" : c.withinError() ? "yes" : "**no**")
                    .append(" |\n");
        }
        return out.toString();
    }

    static String summary(List<Comparison> comparisons, List<String> problems) {
        StringBuilder out = new StringBuilder();
        long unknown = comparisons.stream().filter(c -> Double.isNaN(c.combinedError())).count();
        long outside = comparisons.stream().filter(c -> !c.withinError()).count() - unknown;
        out.append("Error: JMH's 99.9 % confidence half-width; combined error = sqrt(baseline error² + agent error²).\n");
        if (unknown == comparisons.size()) {
            out.append("No difference can be judged: no error estimates.\n");
        } else if (outside == 0 && unknown == 0) {
            out.append("All " + comparisons.size() + " differences are within the combined error.\n");
        } else {
            out.append(outside + " of " + (comparisons.size() - unknown)
                    + " differences with an error estimate are NOT within the combined error.\n");
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

    /** A small strict JSON reader: objects become maps, arrays lists, numbers doubles. */
    static final class Json {
        private final String text;
        private int at;

        Json(String text) {
            this.text = text;
        }

        Object document() {
            Object value = value();
            skipSpace();
            if (at != text.length()) {
                throw error("unexpected text after the document");
            }
            return value;
        }

        private Object value() {
            skipSpace();
            if (at >= text.length()) {
                throw error("unexpected end of input");
            }
            char c = text.charAt(at);
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw error("unexpected character '" + c + "'");
            }
        }

        private Map<String, Object> object() {
            Map<String, Object> map = new LinkedHashMap<>();
            at++;
            skipSpace();
            if (peek() == '}') {
                at++;
                return map;
            }
            while (true) {
                skipSpace();
                if (peek() != '"') {
                    throw error("expected a member name");
                }
                String key = string();
                skipSpace();
                expect(':');
                map.put(key, value());
                skipSpace();
                if (peek() == ',') {
                    at++;
                } else {
                    expect('}');
                    return map;
                }
            }
        }

        private List<Object> array() {
            List<Object> list = new ArrayList<>();
            at++;
            skipSpace();
            if (peek() == ']') {
                at++;
                return list;
            }
            while (true) {
                list.add(value());
                skipSpace();
                if (peek() == ',') {
                    at++;
                } else {
                    expect(']');
                    return list;
                }
            }
        }

        private String string() {
            StringBuilder out = new StringBuilder();
            at++;
            while (true) {
                if (at >= text.length()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (at >= text.length()) {
                    throw error("unterminated escape");
                }
                char escaped = text.charAt(at++);
                switch (escaped) {
                    case '"', '\\', '/' -> out.append(escaped);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw error("short \\u escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        } catch (NumberFormatException e) {
                            throw error("bad \\u escape");
                        }
                        at += 4;
                    }
                    default -> throw error("bad escape '\\" + escaped + "'");
                }
            }
        }

        private Double number() {
            int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            try {
                return Double.valueOf(text.substring(start, at));
            } catch (NumberFormatException e) {
                throw error("bad number '" + text.substring(start, at) + "'");
            }
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, at)) {
                throw error("unexpected token");
            }
            at += word.length();
            return value;
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            at++;
        }

        private char peek() {
            if (at >= text.length()) {
                throw error("unexpected end of input");
            }
            return text.charAt(at);
        }

        private void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private IllegalArgumentException error(String message) {
            return new IllegalArgumentException("bad JSON at offset " + at + ": " + message);
        }
    }
}
