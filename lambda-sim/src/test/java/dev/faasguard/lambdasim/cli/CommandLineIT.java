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
        Path jar = Path.of(System.getProperty("lambda-sim.jar", "target/lambda-sim.jar"));
        Path functionJar = dev.faasguard.lambdasim.CliFixtures.functionJar(work);

        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--jar", functionJar.toString(),
                "--handler", "dev.faasguard.lambdasim.fixtures.ActionHandler::handleRequest",
                "--events", events.toString(), "--invocations", "5", "--timeout", "1s", "--tmp-size", "64m",
                "--env", "STAGE=cli"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        System.out.println(out);

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
    void usageErrorExitsTwo() throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("lambda-sim.jar", "target/lambda-sim.jar"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "--handler", "x.Y").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), out);
        assertTrue(out.contains("--jar is required"), out);
    }
}
