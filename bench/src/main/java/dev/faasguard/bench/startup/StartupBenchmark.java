package dev.faasguard.bench.startup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Startup cost of the agent, measured on whole processes: a hello-world JVM is launched with and without
 * {@code -javaagent:}, alternating run by run (ABAB..., the order flipped every round by default) so that machine
 * noise hits both variants alike. Each run goes through GNU time ({@code /usr/bin/time -f '%e %M %U %S'}) for the
 * peak RSS and the CPU time; wall time is {@link System#nanoTime()} around the whole child process. Every run is
 * checked (exit status 0, the greeting printed, no warning or error on stderr) because a broken run would measure
 * nothing.
 *
 * <p>Run from the repo root: {@code bench/startup.sh} or
 * {@code java -cp bench/target/classes dev.faasguard.bench.startup.StartupBenchmark --runs 20}. See {@link
 * BenchmarkOptions#USAGE}.
 */
public final class StartupBenchmark {

    static final int EXIT_OK = 0;
    static final int EXIT_TARGET_MISSED = 1;
    static final int EXIT_BROKEN_RUN = 2;
    static final int EXIT_USAGE = 64;

    /** GNU time; the system property exists only to try the no-RSS fallback on a machine that has it. */
    private static final Path GNU_TIME = Path.of(System.getProperty("faasguard.bench.gnuTime", "/usr/bin/time"));
    private static final long RUN_TIMEOUT_SECONDS = 120;
    /** A stderr line like this means the JVM or the agent is unhappy, so the run does not count. */
    private static final Pattern BAD_STDERR = Pattern.compile("(?i).*\\b(warning|error|exception)\\b.*");
    /** Options the JVM picks up from the environment; cleared so that both variants run exactly as told. */
    private static final List<String> JVM_ENV_OPTIONS = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    enum Variant {
        BASELINE("baseline"), AGENT("with agent");

        final String label;

        Variant(String label) {
            this.label = label;
        }
    }

    /** One measured child process: wall milliseconds and peak RSS in KiB (-1 when GNU time is unavailable). */
    record Run(double wallMs, long maxRssKib, double cpuMs) {
    }

    /** The figures of one JDK. */
    record JdkResult(String jdk, Path home, double[] baseMs, double[] agentMs, double[] baseRssMib, double[] agentRssMib,
            double[] baseCpuMs, double[] agentCpuMs) {

        double addedMs() {
            return Stats.median(agentMs) - Stats.median(baseMs);
        }

        double pairedMs() {
            return Stats.median(Stats.pairedDifferences(agentMs, baseMs));
        }

        boolean hasRss() {
            return baseRssMib != null;
        }

        double addedRssMib() {
            return Stats.median(agentRssMib) - Stats.median(baseRssMib);
        }

        double addedCpuMs() {
            return Stats.median(agentCpuMs) - Stats.median(baseCpuMs);
        }

        boolean passes(double maxMs, double maxMib) {
            return addedMs() <= maxMs && (!hasRss() || addedRssMib() <= maxMib);
        }
    }

    /** A run that did not do what a hello world does. */
    static final class BrokenRunException extends Exception {
        private static final long serialVersionUID = 1L;

        BrokenRunException(String message) {
            super(message);
        }
    }

    private final BenchmarkOptions options;
    private final Path agentJar;
    private final String classPath;
    private final boolean haveGnuTime;
    private final Path scratch;

    private StartupBenchmark(BenchmarkOptions options, Path agentJar, String classPath, boolean haveGnuTime, Path scratch) {
        this.options = options;
        this.agentJar = agentJar;
        this.classPath = classPath;
        this.haveGnuTime = haveGnuTime;
        this.scratch = scratch;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("(run with --help for usage)");
            return EXIT_USAGE;
        }
        if (options.help()) {
            System.out.print(BenchmarkOptions.USAGE);
            return EXIT_OK;
        }

        Path root = repoRoot(Path.of("").toAbsolutePath());
        Path agent = root.resolve(options.agentJar()).normalize();
        List<Path> homes = options.javaHomes(System.getProperty("java.home")).stream()
                .map(h -> root.resolve(h).normalize()).toList();
        List<String> problems = BenchmarkOptions.checkFiles(agent, homes);
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println("error: " + p));
            return EXIT_USAGE;
        }

        boolean haveGnuTime = Files.isExecutable(GNU_TIME);
        if (!haveGnuTime) {
            System.err.println();
            System.err.println("!!! WARNING: " + GNU_TIME + " (GNU time) is missing: wall time only, NO peak RSS figures,");
            System.err.println("!!! so the peak RSS target cannot be checked. Install it (Debian: apt-get install time).");
            System.err.println();
        }

        try {
            Path scratch = Files.createTempDirectory("faasguard-startup-bench");
            try {
                StartupBenchmark bench = new StartupBenchmark(options, agent, ownClassPath(), haveGnuTime, scratch);
                String loadBefore = loadAverage();
                double pressureBefore = cpuPressureAvg10();
                String busy = busyNote(loadBefore);
                if (busy != null) {
                    System.err.println("!!! NOTE: " + busy + ": something else is running, so the figures will be noisy"
                            + " (interleaving spreads noise over both variants, but the heavier agent run suffers more"
                            + " from a CPU shortage); re-run on a quiet machine before quoting them");
                }
                List<JdkResult> results = new ArrayList<>();
                for (Path home : homes) {
                    results.add(bench.measure(home));
                }
                String markdown = bench.markdown(results, root, loadBefore, loadAverage(), pressureBefore);
                System.out.println();
                System.out.print(markdown);
                Path out = root.resolve(options.out()).normalize();
                Files.createDirectories(out.toAbsolutePath().getParent());
                Files.writeString(out, markdown, StandardCharsets.UTF_8);
                System.err.println("(written to " + out + ")");
                boolean pass = results.stream().allMatch(r -> r.passes(options.maxTimeMs(), options.maxRssMib()));
                return pass ? EXIT_OK : EXIT_TARGET_MISSED;
            } finally {
                deleteTree(scratch);
            }
        } catch (BrokenRunException e) {
            System.err.println();
            System.err.println("BENCHMARK FAILED: " + e.getMessage());
            return EXIT_BROKEN_RUN;
        } catch (IOException e) {
            System.err.println("error: " + e);
            return EXIT_BROKEN_RUN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("interrupted");
            return EXIT_BROKEN_RUN;
        }
    }

    private JdkResult measure(Path home) throws IOException, InterruptedException, BrokenRunException {
        String jdk = jdkName(home);
        int runs = options.runs();
        int warmup = options.warmup();
        System.err.printf(Locale.ROOT, "%s (%s): %d warm-up + %d measured runs per variant, interleaved%s%n",
                jdk, home, warmup, runs, options.flip() ? ", order flipped every round" : "");
        double[] baseMs = new double[runs];
        double[] agentMs = new double[runs];
        double[] baseRss = new double[runs];
        double[] agentRss = new double[runs];
        double[] baseCpu = new double[runs];
        double[] agentCpu = new double[runs];
        for (int round = -warmup; round < runs; round++) {
            boolean agentFirst = options.flip() && Math.floorMod(round, 2) == 1;
            Variant[] order = agentFirst
                    ? new Variant[] {Variant.AGENT, Variant.BASELINE}
                    : new Variant[] {Variant.BASELINE, Variant.AGENT};
            for (Variant v : order) {
                Run r = runOnce(home, v);
                if (round >= 0) {
                    (v == Variant.AGENT ? agentMs : baseMs)[round] = r.wallMs();
                    (v == Variant.AGENT ? agentRss : baseRss)[round] = r.maxRssKib() / 1024.0;
                    (v == Variant.AGENT ? agentCpu : baseCpu)[round] = r.cpuMs();
                }
            }
            System.err.print(round < 0 ? "w" : ".");
        }
        System.err.println();
        return new JdkResult(jdk, home, baseMs, agentMs, haveGnuTime ? baseRss : null, haveGnuTime ? agentRss : null,
                haveGnuTime ? baseCpu : null, haveGnuTime ? agentCpu : null);
    }

    private Run runOnce(Path home, Variant variant) throws IOException, InterruptedException, BrokenRunException {
        Path stdout = scratch.resolve("stdout.txt");
        Path stderr = scratch.resolve("stderr.txt");
        Path timeOut = scratch.resolve("time.txt");
        Files.deleteIfExists(timeOut);

        List<String> cmd = new ArrayList<>();
        if (haveGnuTime) {
            cmd.addAll(List.of(GNU_TIME.toString(), "-f", TimeOutput.FORMAT, "-o", timeOut.toString()));
        }
        cmd.add(home.resolve("bin").resolve("java").toString());
        cmd.addAll(options.jvmArgs());
        if (variant == Variant.AGENT) {
            cmd.add("-javaagent:" + agentJar);
        }
        cmd.addAll(List.of("-cp", classPath, HelloWorld.class.getName()));

        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        Map<String, String> env = pb.environment();
        JVM_ENV_OPTIONS.forEach(env::remove);

        long start = System.nanoTime();
        Process p = pb.start();
        boolean done = p.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        long end = System.nanoTime();
        if (!done) {
            p.destroyForcibly().waitFor();
            throw broken(variant, cmd, "did not finish within " + RUN_TIMEOUT_SECONDS + " s", stdout, stderr);
        }
        int exit = p.exitValue();
        if (exit != 0) {
            throw broken(variant, cmd, "exit status " + exit, stdout, stderr);
        }
        List<String> outLines = Files.readAllLines(stdout, StandardCharsets.UTF_8);
        if (!outLines.contains(HelloWorld.GREETING)) {
            throw broken(variant, cmd, "did not print '" + HelloWorld.GREETING + "'", stdout, stderr);
        }
        for (String line : Files.readAllLines(stderr, StandardCharsets.UTF_8)) {
            if (BAD_STDERR.matcher(line).matches()) {
                throw broken(variant, cmd, "stderr has a warning/error line: " + line, stdout, stderr);
            }
        }
        long rssKib = -1;
        double cpuMs = -1;
        if (haveGnuTime) {
            String timeText = Files.exists(timeOut) ? Files.readString(timeOut, StandardCharsets.UTF_8) : "";
            Optional<TimeOutput> t = TimeOutput.parse(timeText);
            if (t.isEmpty()) {
                throw broken(variant, cmd, "could not read GNU time's output: '" + timeText.strip() + "'", stdout, stderr);
            }
            rssKib = t.get().maxRssKib();
            cpuMs = t.get().cpuSeconds() * 1000;
        }
        return new Run((end - start) / 1e6, rssKib, cpuMs);
    }

    private static BrokenRunException broken(Variant v, List<String> cmd, String what, Path stdout, Path stderr)
            throws IOException {
        return new BrokenRunException("the " + v.label + " run " + what + "\n  command: " + String.join(" ", cmd)
                + "\n  stdout:\n" + indent(Files.readString(stdout, StandardCharsets.UTF_8))
                + "  stderr:\n" + indent(Files.readString(stderr, StandardCharsets.UTF_8)));
    }

    private static String indent(String text) {
        StringBuilder sb = new StringBuilder();
        text.lines().limit(40).forEach(l -> sb.append("    ").append(l).append('\n'));
        return sb.toString();
    }

    String markdown(List<JdkResult> results, Path root, String loadBefore, String loadAfter, double pressureBefore)
            throws IOException {
        StringBuilder md = new StringBuilder();
        String flipText = options.flip() ? "order flipped every round" : "baseline first in every round";
        md.append("### Startup: hello world with and without the agent\n\n");
        md.append("- Date: ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" CPUs, load average (1/5/15 min) ")
                .append(loadBefore).append(" before, ").append(loadAfter).append(" after")
                .append(pressureBefore >= 0
                        ? String.format(Locale.ROOT, ", CPU pressure (PSI some avg10) %.1f %% before", pressureBefore)
                        : "")
                .append("\n");
        md.append("- Agent: `").append(display(root, agentJar)).append("` (")
                .append(Files.size(agentJar) / 1024).append(" KiB), default configuration (report written on exit)\n");
        md.append("- Runs: ").append(options.runs()).append(" measured per variant and JDK after ")
                .append(options.warmup()).append(" discarded warm-up runs, interleaved baseline/agent (")
                .append(flipText).append(")\n");
        md.append("- Extra JVM options: ")
                .append(options.jvmArgs().isEmpty() ? "none" : "`" + String.join(" ", options.jvmArgs()) + "`")
                .append("\n");
        md.append("- Wall: `System.nanoTime()` around the whole child process; peak RSS: ")
                .append(haveGnuTime ? "GNU time `%M` (max resident set), MiB = KiB / 1024; CPU: GNU time `%U` + `%S`"
                        + " (user + system, which a busy machine inflates far less than the wall time)"
                        : "NOT MEASURED (no /usr/bin/time)")
                .append("\n\n");

        md.append("| JDK | Variant | Runs | Median wall ms | Min ms | p90 ms | Median peak RSS MiB | Median CPU ms |\n");
        md.append("|---|---|--:|--:|--:|--:|--:|--:|\n");
        for (JdkResult r : results) {
            row(md, r.jdk(), Variant.BASELINE.label, r.baseMs(), r.baseRssMib(), r.baseCpuMs());
            row(md, r.jdk(), Variant.AGENT.label, r.agentMs(), r.agentRssMib(), r.agentCpuMs());
        }
        md.append("\n");

        md.append(String.format(Locale.ROOT,
                "| JDK | Added wall ms (median diff) | Median of paired diffs ms | Added peak RSS MiB (median diff) "
                        + "| Added CPU ms (median diff) | Target | Verdict |%n"));
        md.append("|---|--:|--:|--:|--:|---|---|\n");
        for (JdkResult r : results) {
            boolean pass = r.passes(options.maxTimeMs(), options.maxRssMib());
            md.append(String.format(Locale.ROOT, "| %s | %+.1f | %+.1f | %s | %s | ≤ %s ms, ≤ %s MiB | %s |%n",
                    r.jdk(), r.addedMs(), r.pairedMs(),
                    r.hasRss() ? String.format(Locale.ROOT, "%+.1f", r.addedRssMib()) : "n/a",
                    r.hasRss() ? String.format(Locale.ROOT, "%+.0f", r.addedCpuMs()) : "n/a",
                    BenchmarkOptions.fmt(options.maxTimeMs()), BenchmarkOptions.fmt(options.maxRssMib()),
                    !pass ? "**FAIL**" : r.hasRss() ? "PASS" : "PASS (time only, RSS not measured)"));
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String jdk, String variant, double[] ms, double[] rssMib, double[] cpuMs) {
        md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %.1f | %.1f | %s | %s |%n", jdk, variant,
                ms.length, Stats.median(ms), Stats.min(ms), Stats.percentile(ms, 90),
                rssMib == null ? "n/a" : String.format(Locale.ROOT, "%.1f", Stats.median(rssMib)),
                cpuMs == null ? "n/a" : String.format(Locale.ROOT, "%.0f", Stats.median(cpuMs))));
    }

    /** The first three fields of /proc/loadavg, or "n/a": a busy machine makes the figures noisier. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split("\\s+");
            return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : "n/a";
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    /** CPU pressure over the last 10 s (percent of time some task waited for a CPU), or -1 without PSI. */
    static double cpuPressureAvg10() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/pressure/cpu"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("some ")) {
                    for (String field : line.split("\\s+")) {
                        if (field.startsWith("avg10=")) {
                            return Double.parseDouble(field.substring("avg10=".length()));
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // no PSI on this kernel
        }
        return -1;
    }

    /**
     * Says so when the machine is busy before the measurement starts: CPU pressure (10 s window) above 20 %, or,
     * without PSI, a 1-minute load average above the CPU count (it lags, so only a clear excess counts).
     */
    private static String busyNote(String load) {
        int cpus = Runtime.getRuntime().availableProcessors();
        double psi = cpuPressureAvg10();
        if (psi >= 0) {
            return psi > 20 ? String.format(Locale.ROOT, "CPU pressure %.0f %% over the last 10 s", psi) : null;
        }
        try {
            double oneMinute = Double.parseDouble(load.split(" ")[0]);
            return oneMinute > cpus ? String.format(Locale.ROOT, "load average %.2f on %d CPUs", oneMinute, cpus) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String display(Path root, Path p) {
        return p.startsWith(root) ? root.relativize(p).toString() : p.toString();
    }

    /** "17.0.15+6-Debian-1deb12u1 (Debian)" from the JDK's release file, else the home's name. */
    static String jdkName(Path home) {
        Path release = home.resolve("release");
        if (Files.isRegularFile(release)) {
            Properties props = new Properties();
            try (var in = Files.newBufferedReader(release, StandardCharsets.UTF_8)) {
                props.load(in);
            } catch (IOException | UncheckedIOException e) {
                return home.getFileName().toString();
            }
            String version = unquote(props.getProperty("JAVA_RUNTIME_VERSION", props.getProperty("JAVA_VERSION", "")));
            String vendor = unquote(props.getProperty("IMPLEMENTOR", ""));
            if (!version.isEmpty()) {
                return vendor.isEmpty() ? version : version + " (" + vendor + ")";
            }
        }
        return home.getFileName().toString();
    }

    private static String unquote(String s) {
        String t = s.strip();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    /** The nearest directory at or above {@code start} holding the project (pom.xml, agent/, bench/), else start. */
    static Path repoRoot(Path start) {
        for (Path d = start; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("pom.xml")) && Files.isDirectory(d.resolve("agent"))
                    && Files.isDirectory(d.resolve("bench"))) {
                return d;
            }
        }
        return start;
    }

    /** Where HelloWorld was loaded from (bench/target/classes or the bench jar), used as the child's class path. */
    private static String ownClassPath() {
        try {
            return Path.of(HelloWorld.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
