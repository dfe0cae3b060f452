package com.example;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One run of the demo exactly as README gives it, {@code java -javaagent:faasguard-agent.jar -jar
 * faasguard-demo.jar}, in a fresh working directory outside /tmp ({@code /var/tmp}, like /var/task on
 * Lambda) with a fresh {@code java.io.tmpdir} and report. {@link #cleanUp()} removes all of it, and the
 * {@code users.json} the broken registration handler leaves next to the jar.
 */
public final class DemoRun {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MARKER = Pattern.compile("//\\s*demo:\\s*(\\S+)");

    public final Path work;
    public final Path tmpdir;
    public final Path report;

    private DemoRun(Path work, Path tmpdir, Path report) {
        this.work = work;
        this.tmpdir = tmpdir;
        this.report = report;
    }

    public static DemoRun prepare() throws IOException {
        String id = UUID.randomUUID().toString();
        DemoRun run = new DemoRun(Files.createDirectories(Path.of("/var/tmp", "faasguard-demo-it-" + id)),
                Files.createDirectories(Path.of("/tmp", "faasguard-demo-it-" + id)),
                Path.of("/tmp", "faasguard-demo-it-" + id + ".json"));
        Files.deleteIfExists(usersJsonNextToJar());
        return run;
    }

    public void cleanUp() throws IOException {
        deleteTree(work);
        deleteTree(tmpdir);
        Files.deleteIfExists(report);
        Files.deleteIfExists(usersJsonNextToJar());
    }

    /** JDK 17 (the one running the tests) and Temurin 25 when present; with CI=true it must be. */
    public static Stream<Path> jdks() {
        List<Path> homes = new ArrayList<>();
        homes.add(Path.of(System.getProperty("java.home")));
        String jdk25 = System.getProperty("faasguard.test.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64");
        if (Files.isExecutable(Path.of(jdk25, "bin", "java"))) {
            homes.add(Path.of(jdk25));
        } else if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but JDK 25 is missing at " + jdk25);
        } else {
            System.err.println("\n*** SKIPPED: JDK 25 not found at " + jdk25
                    + "; the demo integration test runs on " + homes.get(0) + " only ***\n");
        }
        return homes.stream();
    }

    /** The lines marked {@code // demo: <name>} in a demo class's source, in source order. */
    public static Map<String, Integer> markers(Class<?> demoClass) throws IOException {
        Path sources = Path.of(System.getProperty("faasguard.demo.sources", "src/main/java"));
        Path source = sources.resolve(demoClass.getName().replace('.', '/') + ".java");
        Map<String, Integer> markers = new LinkedHashMap<>();
        List<String> text = Files.readAllLines(source);
        for (int i = 0; i < text.size(); i++) {
            Matcher marker = MARKER.matcher(text.get(i));
            if (marker.find()) {
                markers.put(marker.group(1), i + 1);
            }
        }
        return markers;
    }

    public static Path demoJar() {
        return existing("faasguard.demo.jar", "demo jar");
    }

    public static Path usersJsonNextToJar() {
        return demoJar().getParent().resolve("users.json");
    }

    public Result run(Path jdk) throws IOException, InterruptedException {
        List<String> command = List.of(jdk.resolve("bin/java").toString(),
                "-javaagent:" + existing("faasguard.agent.jar", "agent jar (build the agent module first)"),
                "-Dfaasguard.report=" + report,
                "-Djava.io.tmpdir=" + tmpdir,
                "-jar", demoJar().toString());
        Path out = Files.createTempFile("demo-stdout-", ".txt");
        Path err = Files.createTempFile("demo-stderr-", ".txt");
        try {
            Process process = new ProcessBuilder(command).directory(work.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                fail("the demo did not finish in 120 s: " + command);
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            assertTrue(Files.isRegularFile(report), () -> "no report at " + report + "\nstdout:\n" + stdout
                    + "\nstderr:\n" + stderr);
            System.out.println("demo on " + jdk + ":\n" + stdout + stderr);
            return new Result(command, process.exitValue(), stdout, stderr, JSON.readTree(report.toFile()));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    public record Result(List<String> command, int exitCode, String stdout, String stderr, JsonNode report) {

        /** The report's findings of one rule, in the order they were first seen. */
        public List<JsonNode> findings(String rule) {
            List<JsonNode> matching = new ArrayList<>();
            report.get("findings").forEach(f -> {
                if (f.get("rule").asText().equals(rule)) {
                    matching.add(f);
                }
            });
            return matching;
        }

        /** The agent's warning lines on stderr (the first line of each). */
        public List<String> warnings() {
            return stderr.lines().filter(l -> l.contains("WARN  [FaaSGuard] ")).toList();
        }

        @Override
        public String toString() {
            return String.join(" ", command) + "\nexit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n"
                    + stderr + "\nreport:\n" + report.toPrettyString();
        }
    }

    /** The file a Maven property names, which the build must have made. */
    public static Path existing(String property, String what) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException(property + " is not set: run this test with Maven (failsafe)");
        }
        Path path = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(what + " not found: " + path);
        }
        return path;
    }

    private static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
