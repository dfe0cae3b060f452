package dev.faasguard.bench.startup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line options of {@link StartupBenchmark}. {@link #parse} only checks syntax and ranges (pure, unit-tested);
 * {@link #checkFiles} checks that the agent jar and the JDKs exist.
 */
public final class BenchmarkOptions {

    public static final int MIN_RUNS = 10;
    public static final int DEFAULT_RUNS = 20;
    public static final int DEFAULT_WARMUP = 3;
    public static final double DEFAULT_MAX_TIME_MS = 100;
    public static final double DEFAULT_MAX_RSS_MIB = 20;
    public static final String DEFAULT_AGENT = "agent/target/faasguard-agent.jar";
    public static final String DEFAULT_OUT = "bench/target/startup-results.md";

    public static final String USAGE = """
            Usage: java -cp bench/target/classes dev.faasguard.bench.startup.StartupBenchmark [options] [agent-jar]

            Times a hello-world JVM with and without -javaagent:<agent-jar>, interleaved run by run, and prints
            (and writes to --out) a Markdown table of medians and differences with a PASS/FAIL against the targets.

              [agent-jar] | --agent PATH  agent jar; relative paths resolve against the repo root
                                          (default: %s)
              --runs N          measured runs per variant and JDK, at least %d (default %d)
              --warmup N        discarded runs per variant and JDK before measuring (default %d)
              --java JAVA_HOME  JDK to measure; repeat for several (default: the JDK running this program)
              --jvm-arg ARG     extra JVM option for both variants, e.g. -XX:TieredStopAtLevel=1; repeatable
              --no-flip         always run baseline first in a round (default: flip the order every round)
              --max-time-ms X   target for the added median wall time (default %s)
              --max-rss-mib X   target for the added median peak RSS (default %s)
              --out PATH        Markdown results file; relative to the repo root (default %s)
              --help            this text

            Exit status: 0 all targets met, 1 a target missed, 2 a run was broken, 64 bad arguments.
            """.formatted(DEFAULT_AGENT, MIN_RUNS, DEFAULT_RUNS, DEFAULT_WARMUP,
            fmt(DEFAULT_MAX_TIME_MS), fmt(DEFAULT_MAX_RSS_MIB), DEFAULT_OUT);

    String agentJar = DEFAULT_AGENT;
    int runs = DEFAULT_RUNS;
    int warmup = DEFAULT_WARMUP;
    final List<String> javaHomes = new ArrayList<>();
    final List<String> jvmArgs = new ArrayList<>();
    boolean flip = true;
    double maxTimeMs = DEFAULT_MAX_TIME_MS;
    double maxRssMib = DEFAULT_MAX_RSS_MIB;
    String out = DEFAULT_OUT;
    boolean help;

    public String agentJar() {
        return agentJar;
    }

    public int runs() {
        return runs;
    }

    public int warmup() {
        return warmup;
    }

    /** The JDK homes given with --java, or {@code defaultHome} alone when none was. */
    public List<String> javaHomes(String defaultHome) {
        return javaHomes.isEmpty() ? List.of(defaultHome) : List.copyOf(javaHomes);
    }

    public List<String> jvmArgs() {
        return List.copyOf(jvmArgs);
    }

    public boolean flip() {
        return flip;
    }

    public double maxTimeMs() {
        return maxTimeMs;
    }

    public double maxRssMib() {
        return maxRssMib;
    }

    public String out() {
        return out;
    }

    public boolean help() {
        return help;
    }

    /** Parses the arguments; throws {@link IllegalArgumentException} with a message fit for the user on any error. */
    public static BenchmarkOptions parse(String... args) {
        BenchmarkOptions o = new BenchmarkOptions();
        boolean agentGiven = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String inlineValue = null;
            if (a.startsWith("--") && a.contains("=")) {
                inlineValue = a.substring(a.indexOf('=') + 1);
                a = a.substring(0, a.indexOf('='));
            }
            switch (a) {
                case "--help", "-h" -> o.help = true;
                case "--no-flip" -> o.flip = false;
                case "--runs" -> {
                    o.runs = intValue(a, inlineValue != null ? inlineValue : next(args, i++, a));
                    if (o.runs < MIN_RUNS) {
                        throw new IllegalArgumentException("--runs must be at least " + MIN_RUNS
                                + " (medians of fewer whole-process runs are noise), got " + o.runs);
                    }
                }
                case "--warmup" -> {
                    o.warmup = intValue(a, inlineValue != null ? inlineValue : next(args, i++, a));
                    if (o.warmup < 0) {
                        throw new IllegalArgumentException("--warmup must be 0 or more, got " + o.warmup);
                    }
                }
                case "--java" -> o.javaHomes.add(nonBlank(a, inlineValue != null ? inlineValue : next(args, i++, a)));
                case "--jvm-arg" -> o.jvmArgs.add(nonBlank(a, inlineValue != null ? inlineValue : next(args, i++, a)));
                case "--max-time-ms" -> o.maxTimeMs = positive(a, inlineValue != null ? inlineValue : next(args, i++, a));
                case "--max-rss-mib" -> o.maxRssMib = positive(a, inlineValue != null ? inlineValue : next(args, i++, a));
                case "--out" -> o.out = nonBlank(a, inlineValue != null ? inlineValue : next(args, i++, a));
                case "--agent" -> {
                    if (agentGiven) {
                        throw new IllegalArgumentException("the agent jar was given twice");
                    }
                    o.agentJar = nonBlank(a, inlineValue != null ? inlineValue : next(args, i++, a));
                    agentGiven = true;
                }
                default -> {
                    if (a.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + args[i]);
                    }
                    if (agentGiven) {
                        throw new IllegalArgumentException("unexpected argument " + a + " (the agent jar was already given)");
                    }
                    o.agentJar = a;
                    agentGiven = true;
                }
            }
        }
        return o;
    }

    /**
     * Checks the files the options name; returns the problems found (empty when all is well).
     *
     * @param agent       the resolved agent jar
     * @param javaHomes   the resolved JDK homes
     */
    public static List<String> checkFiles(Path agent, List<Path> javaHomes) {
        List<String> problems = new ArrayList<>();
        if (!Files.isRegularFile(agent)) {
            problems.add("agent jar not found: " + agent
                    + " (build it first: mvn -B -q package -DskipTests, or pass its path)");
        }
        for (Path home : javaHomes) {
            if (!Files.isExecutable(home.resolve("bin").resolve("java"))) {
                problems.add("not a JDK home (no executable bin/java): " + home);
            }
        }
        return problems;
    }

    private static String next(String[] args, int i, String option) {
        if (i + 1 >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i + 1];
    }

    private static int intValue(String option, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got '" + value + "'");
        }
    }

    private static double positive(String option, String value) {
        double d;
        try {
            d = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got '" + value + "'");
        }
        if (!(d > 0) || Double.isInfinite(d)) {
            throw new IllegalArgumentException(option + " must be a positive number, got '" + value + "'");
        }
        return d;
    }

    private static String nonBlank(String option, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(option + " needs a non-empty value");
        }
        return value;
    }

    static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
