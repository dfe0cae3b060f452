package com.example.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.DemoRun;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The registration part of the demo, run exactly as README runs it, on each JDK. The broken handler must
 * be reported at each of its four writes, at the line the source marks with {@code // demo: <name>}; its
 * fixed twin not at all. They are the demo's only {@code write-outside-tmp} findings: the video job
 * (checked by {@code VideoDemoIT}) writes only under java.io.tmpdir.
 */
class DemoIT {

    private static final String RULE = "write-outside-tmp";
    private static final String BROKEN = UserRegistrationHandler.class.getName();
    private static final String FIXED = FixedUserRegistrationHandler.class.getSimpleName();
    private static final List<String> PHOTOS = List.of("alice.png", "bob.jpg", "carol.png");

    private static Map<String, Integer> markers;

    private DemoRun demo;

    @BeforeAll
    static void locate() throws IOException {
        markers = DemoRun.markers(UserRegistrationHandler.class);
        assertEquals(List.of("uploads", "photo", "users.json", "registrations.log"), List.copyOf(markers.keySet()),
                "the // demo: markers in " + BROKEN);
    }

    @BeforeEach
    void directories() throws IOException {
        demo = DemoRun.prepare();
    }

    @AfterEach
    void cleanUp() throws IOException {
        demo.cleanUp();
    }

    static Stream<Path> jdks() {
        return DemoRun.jdks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void brokenHandlerIsReportedAtEachWriteAndTheFixedTwinIsNot(Path jdk) throws Exception {
        DemoRun.Result run = demo.run(jdk);
        Path work = demo.work;

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.stdout().contains("== broken handler ==\n"), run::toString);
        assertTrue(run.stdout().contains("== fixed handler ==\n"), run::toString);
        assertTrue(run.stdout().indexOf("== broken handler ==") < run.stdout().indexOf("== fixed handler =="));
        assertEquals(6, run.stdout().lines().filter(l -> l.startsWith("POST /register ") && l.contains(" -> 201 "))
                .count(), "three sign-ups, each handler\n" + run);

        // What the demo did: the broken handler really wrote next to its jar and in the working directory.
        for (String photo : PHOTOS) {
            assertTrue(Files.isRegularFile(work.resolve("uploads").resolve(photo)), photo);
            assertTrue(Files.isRegularFile(demo.tmpdir.resolve("users-service/uploads").resolve(photo)), photo);
        }
        assertEquals(3, Files.readAllLines(work.resolve("registrations.log")).size());
        assertTrue(Files.readString(DemoRun.usersJsonNextToJar()).contains("carol@example.com"));
        assertTrue(Files.readString(demo.tmpdir.resolve("users-service/users.json")).contains("carol@example.com"));

        List<JsonNode> findings = run.findings(RULE);
        assertEquals(4, findings.size(), () -> "exactly the broken handler's four writes\n" + run);
        assertFinding(run, "uploads", work.resolve("uploads"), "create-directories", 1);
        assertFinding(run, "photo", work.resolve("uploads/alice.png"), "open-for-write", 3);
        assertFinding(run, "users.json", DemoRun.usersJsonNextToJar(), "open-for-write", 3);
        assertFinding(run, "registrations.log", work.resolve("registrations.log"), "open-for-append", 3);
        for (JsonNode finding : run.report().get("findings")) {
            assertFalse(finding.at("/callSite/class").asText().contains(FIXED), finding::toPrettyString);
            for (JsonNode frame : finding.get("stack")) {
                assertFalse(frame.asText().contains(FIXED), finding::toPrettyString);
            }
        }

        List<String> warnings = run.warnings().stream().filter(w -> w.contains("] " + RULE + " ")).toList();
        assertEquals(4, warnings.size(), "one warning per call site\n" + run.stderr());
        for (int line : markers.values()) {
            String at = RULE + " (error) at " + BROKEN + ".";
            String where = "(UserRegistrationHandler.java:" + line + "): ";
            assertEquals(1, warnings.stream().filter(w -> w.contains(at) && w.contains(where)).count(),
                    () -> "a warning at line " + line + "\n" + run.stderr());
        }
        assertFalse(run.stderr().contains(FIXED), run.stderr());
        List<String> jvmWarnings = run.stderr().lines().filter(l -> l.toLowerCase().contains("warning:")).toList();
        assertEquals(List.of(), jvmWarnings, "no JVM warning on stderr\n" + run.stderr());
    }

    private void assertFinding(DemoRun.Result run, String marker, Path path, String operation, long count) {
        List<JsonNode> matching = run.findings(RULE).stream()
                .filter(f -> f.at("/callSite/line").asInt() == markers.get(marker)).toList();
        assertEquals(1, matching.size(), () -> marker + ": one finding at line " + markers.get(marker) + "\n" + run);
        JsonNode finding = matching.get(0);
        String what = marker + ": " + finding.toPrettyString();
        assertEquals("error", finding.get("severity").asText(), what);
        assertEquals(BROKEN, finding.at("/callSite/class").asText(), what);
        assertEquals("UserRegistrationHandler.java", finding.at("/callSite/file").asText(), what);
        assertTrue(finding.get("stack").get(0).asText().startsWith(BROKEN + "."), what);
        assertEquals(path.toString(), finding.at("/detail/path").asText(), what);
        assertEquals(operation, finding.at("/detail/operation").asText(), what);
        assertEquals(count, finding.get("count").asLong(), what);
        assertTrue(finding.get("message").asText().contains("Read-only file system"), what);
    }
}
