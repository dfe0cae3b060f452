package dev.faasguard.lambdasim.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code java -jar target/lambda-sim.jar ...} as a user runs it: the packaged jar carries the runtime client. */
class CommandLineIT {

    @Test
    void runsEventsFromADirectoryAndPrintsEachOutcomeAndASummary() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "it-work", "cli").toAbsolutePath());
        Path events = Files.createDirectories(work.resolve("events"));
        Files.writeString(events.resolve("1-ok.json"), "{\"action\":\"pid\"}");
        Files.writeString(events.resolve("2-throw.json"), "{\"action\":\"throw\",\"message\":\"bad input\"}");
        Files.writeString(events.resolve("3-slow.json"), "{\"action\":\"sleep\",\"ms\":30000}");
        Files.writeString(events.resolve("4-ok.json"), "{\"action\":\"pid\"}");
        Path functionJar = dev.faasguard.lambdasim.CliFixtures.functionJar(work);

        Process p = lambdaSim("--jar", functionJar.toString(),
                "--handler", "dev.faasguard.lambdasim.fixtures.ActionHandler::handleRequest",
                "--events", events.toString(), "--invocations", "5", "--timeout", "1s", "--tmp-size", "64m",
                "--env", "STAGE=cli");
        String out = output(p);

        assertEquals(1, p.exitValue(), "not every invocation succeeded: " + out);
        assertTrue(out.matches("(?s).*\\n#1 cold success \\d+ ms \\(init \\d+ ms\\).*"), out);
        assertTrue(out.matches("(?s).*\\n#2 warm error \\d+ ms .*"), out);
        assertTrue(out.contains("\"errorMessage\":\"bad input\""), out);
        assertTrue(out.matches("(?s).*\\n#3 warm timeout after 1000 ms .*"), out);
        assertTrue(out.contains("Task timed out after 1.00 seconds"), out);
        assertTrue(out.matches("(?s).*\\n#4 cold success \\d+ ms \\(init \\d+ ms\\).*"), out);
        assertTrue(out.matches("(?s).*\\n#5 warm success \\d+ ms .*"), "events cycle, 5th is 1-ok.json: " + out);
        assertTrue(out.contains("summary: 5 invocations: 3 success, 1 error, 1 timeout"), out);
        assertTrue(out.contains("cold starts: 2"), out);
        assertTrue(out.matches("(?s).*duration: p50 \\d+ ms, p90 \\d+ ms, p99 \\d+ ms, max 1000 ms.*"), out);
    }

    @Test
    void snapStartRestoresBeforeTheFirstInvocation() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "it-work", "cli-snapstart").toAbsolutePath());
        Process p = lambdaSim("--jar", dev.faasguard.lambdasim.CliFixtures.functionJar(work).toString(),
                "--jar", dev.faasguard.lambdasim.CliFixtures.orgCracJar().toString(),
                "--handler", "dev.faasguard.lambdasim.fixtures.SnapStartHandler::handleRequest",
                "--invocations", "2", "--snap-start", "--snapshot-age", "300ms", "--quiet");
        String out = output(p);

        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains(", SnapStart (snapshot age 300 ms)\n"), out);
        assertTrue(out.matches("(?s).*\n#1 cold restored success \\d+ ms \\(init \\d+ ms, restore \\d+ ms\\) .*"), out);
        assertTrue(out.matches("(?s).*\n#2 warm success \\d+ ms .*"), out);
        assertTrue(out.matches("(?s).*\n  restores: 1 \\(restore p50 \\d+ ms, max \\d+ ms; snapshot age max"
                + " 3\\d\\d ms\\)\n.*"), out);
    }

    @Test
    void maxConcurrencyRunsTheEventsAtOnceAndLeavesTheHungOneRunning() throws Exception {
        Path jdk = dev.faasguard.lambdasim.CliFixtures.jdk21OrLater();
        Path work = Files.createDirectories(Path.of("target", "it-work", "cli-concurrency").toAbsolutePath());
        Path events = Files.createDirectories(work.resolve("events"));
        Files.writeString(events.resolve("1-hang.json"), "{\"action\":\"hang\"}");
        Files.writeString(events.resolve("2-gather.json"), "{\"action\":\"gather\",\"n\":3}");
        Files.writeString(events.resolve("3-gather.json"), "{\"action\":\"gather\",\"n\":3}");
        Process p = lambdaSim("--jar", dev.faasguard.lambdasim.CliFixtures.functionJar(work).toString(),
                "--handler", "dev.faasguard.lambdasim.fixtures.ConcurrentHandler::handleRequest",
                "--events", events.toString(), "--java", jdk.toString(), "--max-concurrency", "3",
                "--timeout", "2s", "--quiet");
        String out = output(p);

        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains(", Lambda Managed Instances (max concurrency 3)\n"), out);
        // As each ends: the gathers (all three in the handler at once) first, the hung one at its deadline.
        assertTrue(out.matches("(?s).*\n#[23] warm success \\d+ ms  \\S+  runtime connection [123]\n"
                + "#[23] warm success \\d+ ms  \\S+  runtime connection [123]\n"
                + "#1 cold timeout after 2000 ms \\(init \\d+ ms\\)  \\S+  runtime connection [123] \\(left running\\)\n"
                + ".*"), out);
        assertTrue(out.contains("summary: 3 invocations: 2 success, 1 timeout\n"), out);
        assertTrue(out.contains("\n  still running, past the deadline and never stopped (the JVM is killed as"
                + " lambda-sim exits): #1\n"), out);
    }

    @Test
    void usageErrorExitsTwo() throws IOException, InterruptedException {
        Process p = lambdaSim("--handler", "x.Y");
        String out = output(p);
        assertEquals(2, p.exitValue(), out);
        assertTrue(out.contains("--jar is required"), out);
    }

    /** {@code java -jar lambda-sim.jar ARGS} with this JVM's java, output and errors merged. */
    private static Process lambdaSim(String... args) throws IOException {
        Path jar = Path.of(System.getProperty("lambda-sim.jar", "target/lambda-sim.jar"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        return p;
    }

    /** Everything it printed, once it has exited (printed here too, for the test's log). */
    private static String output(Process p) throws IOException, InterruptedException {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        System.out.println(out);
        return out;
    }
}
