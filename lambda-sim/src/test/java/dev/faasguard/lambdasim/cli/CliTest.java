package dev.faasguard.lambdasim.cli;

import dev.faasguard.lambdasim.InvocationResult;
import dev.faasguard.lambdasim.Outcome;
import dev.faasguard.lambdasim.Restore;
import dev.faasguard.lambdasim.SimConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {

    @Test
    void parsesTheDocumentedCommandLine() {
        CliOptions o = CliOptions.parse(new String[] {"--jar", "app.jar", "--handler", "com.example.Fn::handleRequest",
                "--invocations", "20", "--timeout", "3s", "--tmp-size", "64m", "--agent", "agent.jar",
                "--agent-args=mode=enforce,report=/tmp/r.json", "--event", "e.json", "--memory", "1024",
                "--java", "/opt/jdk", "--env", "A=1", "--env", "B=x=y", "--require-sandbox", "--quiet",
                "--layer", "one.zip", "--layer=two.zip"});
        assertEquals(List.of(Path.of("app.jar")), o.jars);
        assertEquals("com.example.Fn::handleRequest", o.handler);
        assertEquals(20, o.invocations);
        assertEquals(Duration.ofSeconds(3), o.timeout);
        assertEquals("64m", o.tmpSize);
        assertEquals(Path.of("agent.jar"), o.agent);
        assertEquals("mode=enforce,report=/tmp/r.json", o.agentArgs);
        assertEquals(1024, o.memoryMb);
        assertEquals(Path.of("/opt/jdk"), o.javaHome);
        assertEquals("1", o.env.get("A"));
        assertEquals("x=y", o.env.get("B"));
        assertEquals(SimConfig.SandboxMode.REQUIRED, o.sandbox);
        assertEquals(List.of(Path.of("one.zip"), Path.of("two.zip")), o.layers);
        assertTrue(o.quiet);
    }

    @Test
    void parsesTheModes() {
        CliOptions snap = CliOptions.parse(new String[] {"--jar", "a.jar", "--handler", "X", "--snap-start",
                "--snapshot-age", "10m"});
        assertTrue(snap.snapStart);
        assertEquals(Duration.ofMinutes(10), snap.snapshotAge);
        CliOptions lmi = CliOptions.parse(new String[] {"--jar", "a.jar", "--handler", "X", "--max-concurrency=8"});
        assertEquals(8, lmi.maxConcurrency);
        assertEquals(0, CliOptions.parse(new String[] {"--jar", "a.jar", "--handler", "X"}).maxConcurrency);
        for (String[] wrong : List.of(new String[] {"--snapshot-age", "1s"}, new String[] {"--max-concurrency", "0"},
                new String[] {"--snap-start", "--max-concurrency", "2"})) {
            List<String> args = new java.util.ArrayList<>(List.of("--jar", "a.jar", "--handler", "X"));
            args.addAll(List.of(wrong));
            assertThrows(IllegalArgumentException.class, () -> CliOptions.parse(args.toArray(String[]::new)),
                    String.join(" ", wrong));
        }
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThrows(IllegalArgumentException.class, () -> CliOptions.parse(new String[] {"--handler", "X"}));
        assertThrows(IllegalArgumentException.class, () -> CliOptions.parse(new String[] {"--jar", "a", "--handler"}));
        assertThrows(IllegalArgumentException.class, () -> CliOptions.parse(new String[] {"--jar", "a", "--handler",
                "X", "--bogus", "1"}));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"--jar", "a.jar"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--handler is required"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, Main.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--tmp-size"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--snapshot-age"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--max-concurrency"));
    }

    @Test
    void summaryCountsOutcomesColdStartsAndPercentiles() {
        List<InvocationResult> rs = List.of(result(1, true, Outcome.SUCCESS, 100, 400),
                result(2, false, Outcome.SUCCESS, 10, 0), result(3, false, Outcome.TIMEOUT, 3000, 0),
                result(4, true, Outcome.SUCCESS, 20, 300));
        String s = Summary.of(rs);
        assertTrue(s.startsWith("summary: 4 invocations: 3 success, 1 timeout\n"), s);
        assertTrue(s.contains("cold starts: 2 (init p50 300 ms, max 400 ms)"), s);
        assertTrue(s.contains("duration: p50 20 ms, p90 3000 ms, p99 3000 ms, max 3000 ms"), s);
        assertEquals(20, Summary.percentile(List.of(10L, 20L, 100L, 3000L), 50));
        assertFalse(s.contains("restores"), s);
    }

    @Test
    void summaryCountsRestoresAndNamesWhatIsStillRunning() {
        Restore restore = new Restore(Instant.EPOCH, Duration.ofSeconds(2), Duration.ofMillis(12));
        List<InvocationResult> rs = List.of(result(1, true, Outcome.SUCCESS, 100, 400, restore),
                result(2, false, Outcome.TIMEOUT, 3000, 0, null), result(3, false, Outcome.SUCCESS, 10, 0, null));
        String s = Summary.of(rs);
        assertTrue(s.contains("\n  restores: 1 (restore p50 12 ms, max 12 ms; snapshot age max 2000 ms)\n"), s);
        assertEquals("  still running, past the deadline and never stopped (the JVM is killed as lambda-sim exits): #2",
                Summary.stillRunning(rs, List.of("id-2")));
        assertEquals("", Summary.stillRunning(rs, List.of()));
    }

    private static InvocationResult result(int n, boolean cold, Outcome outcome, long ms, long initMs) {
        return result(n, cold, outcome, ms, initMs, null);
    }

    private static InvocationResult result(int n, boolean cold, Outcome outcome, long ms, long initMs,
                                           Restore restore) {
        return new InvocationResult(n, "id-" + n, cold, 1, outcome, Duration.ofMillis(ms), Duration.ofMillis(initMs),
                new byte[0], null, "", "", Path.of("/tmp"), 1, "Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=0",
                restore, 1);
    }
}
