package com.example.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The demo exactly as README runs it: {@code java -javaagent:faasguard-agent.jar -jar faasguard-demo.jar},
 * in a working directory outside /tmp, on each JDK. The broken handler must be reported at each of its
 * four writes, at the line the source marks with {@code // demo: <name>}; its fixed twin not at all.
 */
class DemoIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MARKER = Pattern.compile("//\\s*demo:\\s*(\\S+)");
    private static final String BROKEN = UserRegistrationHandler.class.getName();
    private static final String FIXED = FixedUserRegistrationHandler.class.getSimpleName();
    private static final List<String> PHOTOS = List.of("alice.png", "bob.jpg", "carol.png");

    private static Map<String, Integer> markers;
    private static Path agentJar;
    private static Path demoJar;

    private Path work;
    private Path tmpdir;
    private Path report;

    @BeforeAll
    static void locate() throws IOException {
        agentJar = existing("faasguard.agent.jar", "agent jar (build the agent module first)");
        demoJar = existing("faasguard.demo.jar", "demo jar");
        Path sources = Path.of(System.getProperty("faasguard.demo.sources", "src/main/java"));
        Path source = sources.resolve(BROKEN.replace('.', '/') + ".java");
        markers = new LinkedHashMap<>();
        List<String> text = Files.readAllLines(source);
        for (int i = 0; i < text.size(); i++) {
            Matcher marker = MARKER.matcher(text.get(i));
            if (marker.find()) {
                markers.put(marker.group(1), i + 1);
            }
        }
        assertEquals(List.of("uploads", "photo", "users.json", "registrations.log"), List.copyOf(markers.keySet()),
                "the // demo: markers in " + source);
    }

    @BeforeEach
    void directories() throws IOException {
        String id = UUID.randomUUID().toString();
        // /var/tmp: outside the agent's writable root (/tmp) on every machine, like /var/task on Lambda.
        work = Files.createDirectories(Path.of("/var/tmp", "faasguard-demo-it-" + id));
        tmpdir = Files.createDirectories(Path.of("/tmp", "faasguard-demo-it-" + id));
        report = Path.of("/tmp", "faasguard-demo-it-" + id + ".json");
        Files.deleteIfExists(usersJsonNextToJar());
    }

    @AfterEach
    void cleanUp() throws IOException {
        deleteTree(work);
        deleteTree(tmpdir);
        Files.deleteIfExists(report);
        Files.deleteIfExists(usersJsonNextToJar());
    }

    static Stream<Path> jdks() {
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void brokenHandlerIsReportedAtEachWriteAndTheFixedTwinIsNot(Path jdk) throws Exception {
        Run run = runDemo(jdk);

        assertEquals(0, run.exitCode, run::toString);
        assertTrue(run.stdout.contains("== broken handler ==\n"), run::toString);
        assertTrue(run.stdout.contains("== fixed handler ==\n"), run::toString);
        assertTrue(run.stdout.indexOf("== broken handler ==") < run.stdout.indexOf("== fixed handler =="));
        assertEquals(6, run.stdout.lines().filter(l -> l.startsWith("POST /register ") && l.contains(" -> 201 "))
                .count(), "three sign-ups, each handler\n" + run);

        // What the demo did: the broken handler really wrote next to its jar and in the working directory.
        for (String photo : PHOTOS) {
            assertTrue(Files.isRegularFile(work.resolve("uploads").resolve(photo)), photo);
            assertTrue(Files.isRegularFile(tmpdir.resolve("users-service/uploads").resolve(photo)), photo);
        }
        assertEquals(3, Files.readAllLines(work.resolve("registrations.log")).size());
        assertTrue(Files.readString(usersJsonNextToJar()).contains("carol@example.com"));
        assertTrue(Files.readString(tmpdir.resolve("users-service/users.json")).contains("carol@example.com"));

        JsonNode findings = run.report.get("findings");
        assertEquals(4, findings.size(), () -> "exactly the broken handler's four writes\n" + run);
        assertFinding(run, "uploads", work.resolve("uploads"), "create-directories", 1);
        assertFinding(run, "photo", work.resolve("uploads/alice.png"), "open-for-write", 3);
        assertFinding(run, "users.json", usersJsonNextToJar(), "open-for-write", 3);
        assertFinding(run, "registrations.log", work.resolve("registrations.log"), "open-for-append", 3);
        for (JsonNode finding : findings) {
            assertFalse(finding.at("/callSite/class").asText().contains(FIXED), finding::toPrettyString);
            for (JsonNode frame : finding.get("stack")) {
                assertFalse(frame.asText().contains(FIXED), finding::toPrettyString);
            }
        }

        List<String> warnings = run.stderr.lines().filter(l -> l.contains("WARN  [FaaSGuard] ")).toList();
        assertEquals(4, warnings.size(), "one warning per call site\n" + run.stderr);
        for (int line : markers.values()) {
            String at = "write-outside-tmp (error) at " + BROKEN + ".";
            String where = "(UserRegistrationHandler.java:" + line + "): ";
            assertEquals(1, warnings.stream().filter(w -> w.contains(at) && w.contains(where)).count(),
                    () -> "a warning at line " + line + "\n" + run.stderr);
        }
        assertFalse(run.stderr.contains(FIXED), run.stderr);
        List<String> jvmWarnings = run.stderr.lines().filter(l -> l.toLowerCase().contains("warning:")).toList();
        assertEquals(List.of(), jvmWarnings, "no JVM warning on stderr\n" + run.stderr);
    }

    private void assertFinding(Run run, String marker, Path path, String operation, long count) {
        List<JsonNode> matching = new ArrayList<>();
        run.report.get("findings").forEach(f -> {
            if (f.at("/callSite/line").asInt() == markers.get(marker)) {
                matching.add(f);
            }
        });
        assertEquals(1, matching.size(), () -> marker + ": one finding at line " + markers.get(marker) + "\n" + run);
        JsonNode finding = matching.get(0);
        String what = marker + ": " + finding.toPrettyString();
        assertEquals("write-outside-tmp", finding.get("rule").asText(), what);
        assertEquals("error", finding.get("severity").asText(), what);
        assertEquals(BROKEN, finding.at("/callSite/class").asText(), what);
        assertEquals("UserRegistrationHandler.java", finding.at("/callSite/file").asText(), what);
        assertTrue(finding.get("stack").get(0).asText().startsWith(BROKEN + "."), what);
        assertEquals(path.toString(), finding.at("/detail/path").asText(), what);
        assertEquals(operation, finding.at("/detail/operation").asText(), what);
        assertEquals(count, finding.get("count").asLong(), what);
        assertTrue(finding.get("message").asText().contains("Read-only file system"), what);
    }

    private Run runDemo(Path jdk) throws IOException, InterruptedException {
        List<String> command = List.of(jdk.resolve("bin/java").toString(),
                "-javaagent:" + agentJar,
                "-Dfaasguard.report=" + report,
                "-Djava.io.tmpdir=" + tmpdir,
                "-jar", demoJar.toString());
        Path out = tmpdir.resolve("stdout.txt");
        Path err = tmpdir.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            fail("the demo did not finish in 120 s: " + command);
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        Files.delete(out);
        Files.delete(err);
        assertTrue(Files.isRegularFile(report), () -> "no report at " + report + "\nstdout:\n" + stdout
                + "\nstderr:\n" + stderr);
        System.out.println("demo on " + jdk + ":\n" + stdout + stderr);
        return new Run(command, process.exitValue(), stdout, stderr, JSON.readTree(report.toFile()));
    }

    private record Run(List<String> command, int exitCode, String stdout, String stderr, JsonNode report) {
        @Override
        public String toString() {
            return String.join(" ", command) + "\nexit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n"
                    + stderr + "\nreport:\n" + report.toPrettyString();
        }
    }

    private static Path usersJsonNextToJar() {
        return demoJar.getParent().resolve("users.json");
    }

    private static Path existing(String property, String what) {
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
