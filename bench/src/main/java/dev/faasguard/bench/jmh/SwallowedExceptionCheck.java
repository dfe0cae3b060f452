package dev.faasguard.bench.jmh;

import dev.faasguard.bench.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Proves that what {@link SwallowedExceptionBenchmark} times is what it says: run with the agent (the rule on, the
 * benchmark's package and {@link HeldInvocation#hold} named), it drops {@value RepeatedFindingCheck#REPEATS}
 * exceptions outside any invocation, then as many during a held one; run with {@code --verify <report.json>}, it
 * fails unless that is one finding at the catch block, counted exactly {@value RepeatedFindingCheck#REPEATS} times
 * (the drops outside the invocation not counted). bench/swallowed.sh runs both before the benchmark.
 */
public final class SwallowedExceptionCheck {

    private SwallowedExceptionCheck() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--verify")) {
            Object findings = ((Map<?, ?>) new Json(Files.readString(Path.of(args[1]), StandardCharsets.UTF_8))
                    .document()).get("findings");
            String problem = RepeatedFindingCheck.expect(findings, "swallowed-exception",
                    SwallowedExceptionBenchmark.class, "parseOrDefault");
            System.out.println(problem.isEmpty() ? "ok: each drop during the invocation counted, "
                    + RepeatedFindingCheck.REPEATS + " times" : "FAILED: " + problem);
            System.exit(problem.isEmpty() ? 0 : 1);
        }
        SwallowedExceptionBenchmark benchmark = new SwallowedExceptionBenchmark();
        SwallowedExceptionBenchmark.DuringInvocation state = new SwallowedExceptionBenchmark.DuringInvocation();
        for (int i = 0; i < RepeatedFindingCheck.REPEATS; i++) {
            benchmark.droppedOutsideInvocation(state);
        }
        state.open();
        try {
            for (int i = 0; i < RepeatedFindingCheck.REPEATS; i++) {
                benchmark.droppedDuringInvocation(state);
            }
        } finally {
            state.close();
        }
    }
}
