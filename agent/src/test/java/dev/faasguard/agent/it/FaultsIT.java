package dev.faasguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.faults.FaultyApps;
import com.example.writes.WriteApis;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Faults around the agent, each in a real JVM on JDK 17 and 25: the program does what it does without the agent
 * (same output, same exit), the agent goes on watching, and says at most one clear line about its own trouble.
 */
class FaultsIT {

    private static int writeLine;
    private Path outside;

    @BeforeAll
    static void readMarkers() throws IOException {
        writeLine = new SourceLines(FaultyApps.class).of("write");
    }

    @BeforeEach
    void directories() throws IOException {
        outside = Files.createDirectories(Path.of("/var/tmp", "faasguard-faults-" + UUID.randomUUID()));
    }

    @AfterEach
    void cleanUp() throws IOException {
        WriteApis.deleteTree(outside);
    }

    static Stream<Path> jdks() {
        return ChildJvm.jdks();
    }

    private ChildJvm.Result run(Path jdk, String scenario, String... options) throws Exception {
        ChildJvm child = ChildJvm.on(jdk);
        for (String option : options) {
            child.option(option);
        }
        return child.run(FaultyApps.class.getName(), scenario, outside.toString());
    }

    private static long writes(ChildJvm.Result result) {
        return result.findings().stream().filter(f -> f.at("/callSite/line").asInt() == writeLine)
                .mapToLong(f -> f.get("count").asLong()).sum();
    }

    private static long agentErrors(ChildJvm.Result result) {
        return result.stderr().lines().filter(line -> line.contains("ERROR [FaaSGuard]")).count();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theApplicationsOwnUncaughtExceptionHandlersStillRunInOrder(Path jdk) throws Exception {
        ChildJvm.Result result = run(jdk, "handlers");
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(List.of("default handler: plain: plain died", "own handler: own: own died",
                "default handler: own: own died", "done"), result.stdout().lines().toList(), result::toString);
        assertEquals(2, result.findings().stream().filter(f -> f.get("rule").asText().equals("uncaught-exception"))
                .count(), result::toString);
        assertFalse(result.stderr().contains("Exception in thread"), "the handlers took them, as without the agent");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aStackOverflowAtTheHooksIsTheApplicationsAsWithoutTheAgent(Path jdk) throws Exception {
        ChildJvm.Result result = run(jdk, "recursion", "-Xss512k");
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().matches("depth \\d+\\ndone\\n"), result::toString);
        assertTrue(writes(result) >= 2, "still watching after the overflow\n" + result);
        assertTrue(agentErrors(result) <= 1, "at most one line of the agent's own trouble\n" + result.stderr());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void anOutOfMemoryErrorTheApplicationCatchesLeavesTheAgentWorking(Path jdk) throws Exception {
        ChildJvm.Result result = run(jdk, "memory", "-Xmx64m");
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().matches("filled \\d+ MiB\\ndone\\n"), result::toString);
        assertTrue(writes(result) >= 2, result::toString);
        assertTrue(agentErrors(result) <= 1, result.stderr());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aFlightRecordingRunsAlongside(Path jdk) throws Exception {
        Path recording = outside.resolve("recording.jfr");
        ChildJvm.Result result = run(jdk, "write", "-XX:StartFlightRecording:filename=" + recording + ",settings=profile");
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(1, writes(result), result::toString);
        assertTrue(Files.size(recording) > 0, "the recording was written");
        assertEquals(0, agentErrors(result), result.stderr());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aReportPathThatIsADirectoryIsOneClearErrorAndTheDirectoryStays(Path jdk) throws Exception {
        Path directory = Files.createDirectories(outside.resolve("report-dir"));
        Files.writeString(directory.resolve("keep.txt"), "kept");
        ChildJvm.Result result = ChildJvm.on(jdk).report(null).property("faasguard.report", directory.toString())
                .run(FaultyApps.class.getName(), "write", outside.toString());
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("done\n", result.stdout());
        assertEquals(1, agentErrors(result), result.stderr());
        assertTrue(result.stderr().contains("could not write the report to " + directory), result.stderr());
        assertEquals("kept", Files.readString(directory.resolve("keep.txt")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void anUnwritableReportPathIsOneClearError(Path jdk) throws Exception {
        String unwritable = "/proc/self/faasguard-report.json";
        ChildJvm.Result result = ChildJvm.on(jdk).report(null).property("faasguard.report", unwritable)
                .run(FaultyApps.class.getName(), "write", outside.toString());
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("done\n", result.stdout());
        assertEquals(1, agentErrors(result), result.stderr());
        assertTrue(result.stderr().contains("could not write the report to " + unwritable), result.stderr());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aSymlinkPlantedAtTheReportPathIsReplacedNotFollowed(Path jdk) throws Exception {
        Path victim = Files.writeString(outside.resolve("victim.txt"), "precious");
        Path report = outside.resolve("report.json");
        Files.createSymbolicLink(report, victim);
        ChildJvm.Result result = ChildJvm.on(jdk).report(null).property("faasguard.report", report.toString())
                .run(FaultyApps.class.getName(), "write", outside.toString());
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("precious", Files.readString(victim), "the file the link pointed at is untouched");
        assertFalse(Files.isSymbolicLink(report));
        assertEquals(1, new ObjectMapper().readTree(report.toFile()).get("findings").size());
    }
}
