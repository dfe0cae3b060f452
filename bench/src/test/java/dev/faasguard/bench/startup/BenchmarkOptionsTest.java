package dev.faasguard.bench.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkOptionsTest {

    @Test
    void defaults() {
        BenchmarkOptions o = BenchmarkOptions.parse();
        assertEquals(20, o.runs());
        assertEquals(3, o.warmup());
        assertEquals("agent/target/faasguard-agent.jar", o.agentJar());
        assertEquals(List.of("/jdk"), o.javaHomes("/jdk"));
        assertEquals(List.of(), o.jvmArgs());
        assertTrue(o.flip());
        assertEquals(100.0, o.maxTimeMs());
        assertEquals(20.0, o.maxRssMib());
        assertEquals("bench/target/startup-results.md", o.out());
        assertFalse(o.help());
    }

    @Test
    void parsesEveryOption() {
        BenchmarkOptions o = BenchmarkOptions.parse("--runs", "30", "--warmup=0", "--java", "/a", "--java", "/b",
                "--jvm-arg", "-XX:TieredStopAtLevel=1", "--no-flip", "--max-time-ms", "100", "--max-rss-mib=12.5",
                "--out", "x.md", "/abs/agent.jar");
        assertEquals(30, o.runs());
        assertEquals(0, o.warmup());
        assertEquals(List.of("/a", "/b"), o.javaHomes("/default"));
        assertEquals(List.of("-XX:TieredStopAtLevel=1"), o.jvmArgs());
        assertFalse(o.flip());
        assertEquals(100.0, o.maxTimeMs());
        assertEquals(12.5, o.maxRssMib());
        assertEquals("x.md", o.out());
        assertEquals("/abs/agent.jar", o.agentJar());
        assertEquals("other.jar", BenchmarkOptions.parse("--agent", "other.jar").agentJar());
        assertTrue(BenchmarkOptions.parse("--help").help());
    }

    @Test
    void enforcesTheMinimumNumberOfRuns() {
        assertEquals(10, BenchmarkOptions.parse("--runs", "10").runs());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchmarkOptions.parse("--runs", "9"));
        assertTrue(e.getMessage().contains("at least 10"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BenchmarkOptions.parse("--runs", "0"));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkOptions.parse("--runs=-5"));
    }

    @Test
    void rejectsMalformedArguments() {
        assertMessage("--runs needs a value", "--runs");
        assertMessage("--runs needs a whole number, got 'ten'", "--runs", "ten");
        assertMessage("--warmup must be 0 or more, got -1", "--warmup", "-1");
        assertMessage("unknown option --fast", "--fast");
        assertMessage("--java needs a non-empty value", "--java", " ");
        assertMessage("--max-time-ms must be a positive number, got '0'", "--max-time-ms", "0");
        assertMessage("--max-rss-mib needs a number, got 'lots'", "--max-rss-mib", "lots");
        assertMessage("unexpected argument b.jar (the agent jar was already given)", "a.jar", "b.jar");
        assertMessage("the agent jar was given twice", "a.jar", "--agent", "b.jar");
    }

    @Test
    void checkFilesReportsAMissingAgentAndANonJdk(@TempDir Path dir) throws IOException {
        Path jar = Files.createFile(dir.resolve("agent.jar"));
        Path jdk = dir.resolve("jdk");
        Path java = Files.createDirectories(jdk.resolve("bin")).resolve("java");
        Files.createFile(java);
        assertTrue(java.toFile().setExecutable(true));
        assertEquals(List.of(), BenchmarkOptions.checkFiles(jar, List.of(jdk)));

        List<String> problems = BenchmarkOptions.checkFiles(dir.resolve("missing.jar"), List.of(jdk, dir));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("agent jar not found"), problems.get(0));
        assertTrue(problems.get(1).startsWith("not a JDK home"), problems.get(1));
    }

    @Test
    void exitsWithUsageStatusOnBadArguments() {
        assertEquals(StartupBenchmark.EXIT_USAGE, StartupBenchmark.run(new String[] {"--runs", "3"}));
        assertEquals(StartupBenchmark.EXIT_USAGE,
                StartupBenchmark.run(new String[] {"--agent", "/nonexistent/faasguard-agent.jar"}));
    }

    private static void assertMessage(String expected, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchmarkOptions.parse(args));
        assertEquals(expected, e.getMessage());
    }
}
