package dev.faasguard.bench.memory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The agent's heap after a long life: {@link MemoryLoad} (N warm invocations, then 100,000 findings at 10,000 call
 * sites) run in a child JVM without and with the agent, same flags (serial GC, fixed heap). Compares the live objects
 * of the class histograms ({@code jcmd GC.class_histogram}, after the full GC it makes; the difference is what is
 * judged against the bound) and the heap in use after {@code System.gc()}, and checks that the agent's report counts
 * every site exactly. Each child has a /tmp of its own, an empty tmpfs as a
 * function has (a private mount namespace: needs root and util-linux's unshare); on a shared /tmp that other
 * processes change, the agent rightly walks /tmp after nearly every invocation to explain its growth.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.faasguard.bench.memory.MemoryBenchmark --agent agent/target/faasguard-agent.jar \
 *     --invocations 1000000 --work bench/target/memory --bound-mib 32 [--java /path/to/java]
 * </pre>
 *
 * Exit status: 0 counts exact and within the bound, 1 not, 64 bad arguments.
 */
public final class MemoryBenchmark {

    /** The invocations the report lists, as InvocationHistory keeps them. */
    static final int KEPT_INVOCATIONS = 1000;
    private static final String HANDLER = MemoryHandler.class.getName() + "::handle";

    private MemoryBenchmark() {
    }

    /** One child run: what it printed, and its histogram. */
    record Run(Map<String, Long> printed, ClassHistogram histogram) {
        long heapUsed() {
            return printed.get("heapUsedAfterGc");
        }

        long live() {
            return histogram.totalBytes();
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        if (!options.keySet().containsAll(List.of("--agent", "--invocations", "--work", "--bound-mib"))) {
            System.err.println("usage: MemoryBenchmark --agent <jar> --invocations <n> --work <dir> --bound-mib <m> "
                    + "[--java <java>]");
            System.exit(64);
        }
        String java = options.getOrDefault("--java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        int invocations = Integer.parseInt(options.get("--invocations"));
        Path work = Files.createDirectories(Path.of(options.get("--work")).toAbsolutePath());
        String benchmarks = Path.of(MemoryBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        String classPath = benchmarks + ":" + CallSites.compile(work.resolve("sites"), benchmarks);
        Path report = work.resolve("report.json");
        Files.deleteIfExists(report);

        Run baseline = run(java, List.of(), classPath, invocations, work, "baseline");
        Run agent = run(java, List.of("-javaagent:" + Path.of(options.get("--agent")).toAbsolutePath(),
                "-Dfaasguard.handler=" + HANDLER, "-Dfaasguard.report=" + report), classPath, invocations, work, "agent");
        List<String> problems = ReportCounts.problems(Files.readString(report), invocations, KEPT_INVOCATIONS);
        long added = agent.live() - baseline.live();
        long bound = Long.parseLong(options.get("--bound-mib")) << 20;
        String table = table(baseline, agent, invocations, bound, problems);
        System.out.print(table);
        Files.writeString(work.resolve("results.md"), table);
        System.exit(problems.isEmpty() && added <= bound ? 0 : 1);
    }

    private static Run run(String java, List<String> agentOptions, String classPath, int invocations, Path work,
            String name) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount -t tmpfs -o size=512m tmpfs /tmp && exec \"$@\"", "sh",
                java, "-Xms1g", "-Xmx1g", "-XX:+UseSerialGC"));
        command.addAll(agentOptions);
        command.addAll(List.of("-cp", classPath, MemoryLoad.class.getName(), Integer.toString(invocations)));
        Process child = new ProcessBuilder(command).redirectError(work.resolve(name + ".err").toFile()).start();
        Map<String, Long> printed = new LinkedHashMap<>();
        StringBuilder histogram = new StringBuilder();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            int equals = line.indexOf('=');
            if (histogram.length() > 0 || line.equals(MemoryLoad.HISTOGRAM)) {
                histogram.append(line).append('\n');
            } else if (equals > 0) {
                printed.put(line.substring(0, equals), Long.parseLong(line.substring(equals + 1)));
            }
        }
        Files.writeString(work.resolve(name + "-histogram.txt"), histogram);
        if (!child.waitFor(10, TimeUnit.MINUTES) || child.exitValue() != 0 || !printed.containsKey("heapUsedAfterGc")) {
            throw new IOException("the " + name + " run failed; see " + work.resolve(name + ".err"));
        }
        return new Run(printed, ClassHistogram.parse(histogram.toString()));
    }

    static String table(Run baseline, Run agent, int invocations, long bound, List<String> problems) {
        StringBuilder out = new StringBuilder();
        long added = agent.live() - baseline.live();
        out.append(String.format(Locale.ROOT, "%,d warm invocations, then %,d findings at %,d call sites%n%n",
                invocations, CallSites.CLASSES * CallSites.LINES_PER_CLASS * CallSites.REPEATS,
                CallSites.CLASSES * CallSites.LINES_PER_CLASS));
        out.append("| | Without the agent | With the agent | Difference |\n|---|--:|--:|--:|\n");
        row(out, "live objects, class histogram (MiB)", mib(baseline.live()), mib(agent.live()), mib(added));
        row(out, "heap in use after System.gc() (MiB)", mib(baseline.heapUsed()), mib(agent.heapUsed()),
                mib(agent.heapUsed() - baseline.heapUsed()));
        row(out, "invocations (ms)", baseline.printed().get("invocationsMs"), agent.printed().get("invocationsMs"),
                agent.printed().get("invocationsMs") - baseline.printed().get("invocationsMs"));
        row(out, "findings (ms)", baseline.printed().get("findingsMs"), agent.printed().get("findingsMs"),
                agent.printed().get("findingsMs") - baseline.printed().get("findingsMs"));
        out.append("\nClasses whose live bytes grew most (jcmd GC.class_histogram, agent run minus baseline):\n\n")
                .append("| Class | Instances | KiB |\n|---|--:|--:|\n");
        for (String name : agent.histogram().grownMostSince(baseline.histogram(), 12)) {
            out.append(String.format(Locale.ROOT, "| %s | %+,d | %+,.0f |%n", name,
                    agent.histogram().instances(name) - baseline.histogram().instances(name),
                    (agent.histogram().bytes(name) - baseline.histogram().bytes(name)) / 1024.0));
        }
        out.append(String.format(Locale.ROOT, "%nThe agent's own classes (dev.faasguard.*): %,.0f KiB live.%n",
                agent.histogram().bytesUnder("dev.faasguard.") / 1024.0));
        out.append(problems.isEmpty() ? "Counts: exact (every generated site one finding, counted "
                + CallSites.REPEATS + " times; the report lists " + Math.min(invocations, KEPT_INVOCATIONS)
                + " invocations).\n" : "Counts: WRONG\n");
        problems.forEach(problem -> out.append("problem: ").append(problem).append('\n'));
        out.append(String.format(Locale.ROOT, "Bound: %s MiB of live objects added, at most %s: %s%n", mib(added), mib(bound),
                added <= bound ? "met" : "NOT met"));
        return out.toString();
    }

    private static void row(StringBuilder out, String what, Object baseline, Object agent, Object difference) {
        out.append("| ").append(what).append(" | ").append(baseline).append(" | ").append(agent).append(" | ")
                .append(difference).append(" |\n");
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
    }
}
