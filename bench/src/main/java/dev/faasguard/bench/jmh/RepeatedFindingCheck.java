package dev.faasguard.bench.jmh;

import dev.faasguard.bench.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * Proves that what {@link HotPathsBenchmark} times as a repeated finding is one: run with the agent, it makes the
 * benchmark's two repeated calls {@value #REPEATS} times each from one line; run with {@code --verify <report.json>}
 * on the agent's report afterwards, it fails unless each is one finding at its line counted exactly
 * {@value #REPEATS} times. bench/hot-paths.sh runs both before the benchmark.
 */
public final class RepeatedFindingCheck {

    static final int REPEATS = 100_000;

    private RepeatedFindingCheck() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--verify")) {
            List<String> problems = verify(Files.readString(Path.of(args[1]), StandardCharsets.UTF_8));
            problems.forEach(System.err::println);
            System.out.println(problems.isEmpty() ? "ok: each repeat counted, " + REPEATS + " times" : "FAILED");
            System.exit(problems.isEmpty() ? 0 : 1);
        }
        repeat();
    }

    private static void repeat() throws IOException, InterruptedException, ExecutionException {
        HotPathsBenchmark.UntimedWait wait = new HotPathsBenchmark.UntimedWait();
        wait.setUp();
        HotPathsBenchmark.OutsideTmp outside = new HotPathsBenchmark.OutsideTmp();
        outside.setUp();
        HotPathsBenchmark benchmark = new HotPathsBenchmark();
        try {
            for (int i = 0; i < REPEATS; i++) {
                benchmark.futureGetUntimedRepeated(wait);
                benchmark.createNewFileOutsideTmpRepeated(outside);
            }
        } finally {
            outside.tearDown();
        }
    }

    /** What is wrong with the report: each benchmark method one finding of its rule, counted exactly. */
    static List<String> verify(String reportJson) {
        Object findings = ((Map<?, ?>) new Json(reportJson).document()).get("findings");
        return Stream.of(expect(findings, "wait-without-timeout", HotPathsBenchmark.class, "futureGetUntimedRepeated"),
                expect(findings, "write-outside-tmp", HotPathsBenchmark.class, "createNewFileOutsideTmpRepeated"))
                .filter(problem -> !problem.isEmpty()).toList();
    }

    /** What is wrong with the findings: empty when {@code rule} at {@code type.method} is counted {@value #REPEATS}. */
    static String expect(Object findings, String rule, Class<?> type, String method) {
        for (Object each : (List<?>) findings) {
            Map<?, ?> finding = (Map<?, ?>) each;
            Map<?, ?> site = (Map<?, ?>) finding.get("callSite");
            if (rule.equals(finding.get("rule")) && type.getName().equals(site.get("class"))
                    && method.equals(site.get("method"))) {
                double count = (Double) finding.get("count");
                return count == REPEATS ? "" : rule + " at " + method + " counted " + (long) count + " times, not "
                        + REPEATS;
            }
        }
        return "no " + rule + " finding at " + type.getSimpleName() + "." + method;
    }
}
