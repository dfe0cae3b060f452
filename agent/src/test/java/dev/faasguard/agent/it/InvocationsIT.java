package dev.faasguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.invocations.LocalHost;
import com.example.invocations.PageSplitter;
import com.example.writes.WriteApis;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The invocation model with a handler named by {@code faasguard.handler} (a host without the AWS
 * runtime client): invocations in the report, cold then warm, and the lifecycle rules.
 */
class InvocationsIT {

    private static SourceLines lines;
    private Path work;

    @BeforeAll
    static void readMarkers() throws IOException {
        lines = new SourceLines(PageSplitter.class);
    }

    @BeforeEach
    void directory() {
        work = Path.of("/tmp", "faasguard-it-pages-" + UUID.randomUUID());
    }

    @AfterEach
    void cleanUp() throws IOException {
        WriteApis.deleteTree(work);
    }

    static Stream<Path> jdks() {
        return ChildJvm.jdks();
    }

    private ChildJvm.Result run(Path jdk, String... events) throws Exception {
        return ChildJvm.on(jdk).property("faasguard.handler", PageSplitter.class.getName() + "::handle")
                .property("work.dir", work.toString())
                .run(LocalHost.class.getName(), events);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void eachCallIsAnInvocationTheFirstColdWithItsOutcome(Path jdk) throws Exception {
        ChildJvm.Result result = run(jdk, "clean:1", "clean:1", "throw", "clean:1");

        assertEquals(0, result.exitCode(), result::toString);
        JsonNode invocations = result.report().get("invocations");
        assertEquals(4, invocations.size(), result::toString);
        assertTrue(invocations.get(0).get("coldStart").asBoolean());
        for (int i = 1; i < 4; i++) {
            assertFalse(invocations.get(i).get("coldStart").asBoolean(), "warm " + i);
        }
        assertEquals(List.of("success", "success", "error", "success"),
                Stream.of(0, 1, 2, 3).map(i -> invocations.get(i).get("outcome").asText()).toList());
        assertTrue(invocations.get(0).get("durationMs").asLong() >= 0);
        assertFalse(invocations.get(0).get("id").asText().isBlank());

        List<JsonNode> failed = findings(result, "invocation-failed");
        assertEquals(1, failed.size(), result::toString);
        assertEquals(lines.of("throw"), failed.get(0).at("/callSite/line").asInt(), "points at the throw");
        assertEquals("java.lang.IllegalStateException", failed.get(0).at("/detail/exceptionType").asText());
        assertEquals(invocations.get(2).get("id").asText(), failed.get(0).get("invocation").asText());
        assertEquals(1, findingsExcept(result, "invocation-failed"), "clean invocations fire nothing\n" + result);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void filesLeftInTmpByWarmInvocationsAreTracedToTheLineThatWroteThem(Path jdk) throws Exception {
        ChildJvm.Result result = run(jdk, "leak:2", "leak:3", "clean:2", "leak:1");

        JsonNode invocations = result.report().get("invocations");
        assertEquals(2, leakedInWork(invocations.get(0)),
                "the cold start's files are listed, but they are no finding\n" + result);
        assertEquals(3, leakedInWork(invocations.get(1)), result::toString);
        assertEquals(0, leakedInWork(invocations.get(2)), result::toString);
        // The machine's other processes write to the host's /tmp too: their files are the agent's to see, not ours.
        List<JsonNode> growth = findings(result, "tmp-growth").stream()
                .filter(finding -> finding.at("/detail/path").asText().startsWith(work + "/")).toList();
        assertEquals(1, growth.size(), "one call site\n" + result);
        assertEquals(4, growth.get(0).get("count").asLong(), "3 + 1 files leaked by warm invocations");
        assertEquals(lines.of("writePage"), growth.get(0).at("/callSite/line").asInt());
        assertEquals(64 * 1024, growth.get(0).at("/detail/bytes").asLong());
        assertEquals(3 * 64 * 1024, growth.get(0).at("/detail/bytesLeakedThisInvocation").asLong());
        assertEquals(invocations.get(1).get("id").asText(), growth.get(0).get("invocation").asText());
    }

    /** How many of the files an invocation left are the test's own, in its work directory. */
    private long leakedInWork(JsonNode invocation) {
        List<String> paths = new ArrayList<>();
        invocation.get("tmpFilesLeaked").forEach(file -> paths.add(file.get("path").asText()));
        return paths.stream().filter(path -> path.startsWith(work + "/")).count();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aWorkerThatDiesAndAnUploadStillRunningAreFindings(Path jdk) throws Exception {
        ChildJvm.Result result = run(jdk, "crash-worker", "background");

        List<JsonNode> uncaught = findings(result, "uncaught-exception");
        assertEquals(1, uncaught.size(), result::toString);
        assertEquals(lines.of("workerThrows"), uncaught.get(0).at("/callSite/line").asInt(), "the throw site");
        assertEquals("page-worker", uncaught.get(0).at("/detail/thread").asText());
        assertTrue(uncaught.get(0).at("/detail/startedAt").asText().contains("PageSplitter.java:" + lines.of("workerStart")));
        assertTrue(result.stderr().contains("Exception in thread \"page-worker\""), "the default handler still runs");

        List<JsonNode> after = findings(result, "work-after-response");
        assertEquals(1, after.size(), result::toString);
        assertEquals(lines.of("uploadStart"), after.get(0).at("/callSite/line").asInt(), "where it was started");
        assertEquals("uploader", after.get(0).at("/detail/thread").asText());
        assertTrue(after.get(0).at("/detail/currentStack/0").asText().startsWith(PageSplitter.class.getName()),
                "it is running the application's code\n" + after.get(0).toPrettyString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aVirtualThreadStillRunningIsFollowedToo(Path jdk) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(featureVersion(jdk) >= 21, "virtual threads need JDK 21+");
        ChildJvm.Result result = run(jdk, "virtual-background");

        List<JsonNode> after = findings(result, "work-after-response");
        assertEquals(1, after.size(), result::toString);
        assertEquals(lines.of("virtualStart"), after.get(0).at("/callSite/line").asInt(), "where it was started");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void runtimeHaltIsInTheReportWrittenBeforeTheJvmGoes(Path jdk) throws Exception {
        ChildJvm.Result result = run(jdk, "clean:1", "halt");

        assertEquals(5, result.exitCode(), result::toString);
        List<JsonNode> exits = findings(result, "runtime-exit");
        assertEquals(1, exits.size(), "halt runs no shutdown hook: the report was written before it\n" + result);
        assertEquals("Runtime.halt", exits.get(0).at("/detail/operation").asText());
        assertEquals(lines.of("halt"), exits.get(0).at("/callSite/line").asInt());
        assertEquals("crash", result.report().get("invocations").get(1).get("outcome").asText(), result::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void systemExitFromAThreadTheInvocationStartedIsItsRuntimeExit(Path jdk) throws Exception {
        ChildJvm.Result result = run(jdk, "clean:1", "exit-from-worker");

        assertEquals(4, result.exitCode(), "the program's own status\n" + result);
        List<JsonNode> exits = findings(result, "runtime-exit");
        assertEquals(1, exits.size(), result::toString);
        assertEquals("System.exit", exits.get(0).at("/detail/operation").asText());
        assertEquals(lines.of("exitFromWorker"), exits.get(0).at("/callSite/line").asInt());
        JsonNode second = result.report().get("invocations").get(1);
        assertEquals(second.get("id").asText(), exits.get(0).get("invocation").asText(), result::toString);
        assertEquals("crash", second.get("outcome").asText(), result::toString);
    }

    /**
     * The JDK blocks a System.exit made from a shutdown hook for good, so the JVM hangs at its end, with the agent as
     * without it; the agent's own exit hook still writes the report.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void systemExitFromAShutdownHookHangsAsWithoutTheAgentAndTheReportIsWritten(Path jdk) throws Exception {
        for (boolean withAgent : new boolean[] {false, true}) {
            ChildJvm child = ChildJvm.on(jdk).property("faasguard.handler", PageSplitter.class.getName() + "::handle")
                    .property("work.dir", work.toString());
            if (!withAgent) {
                child.withoutAgent();
            }
            try (ChildJvm.Running running = child.start(LocalHost.class.getName(), "clean:1", "exit-in-shutdown-hook")) {
                running.awaitLine("exit-in-shutdown-hook -> hook added");
                Thread.sleep(3_000);
                assertTrue(ProcessHandle.of(running.pid()).map(ProcessHandle::isAlive).orElse(false),
                        (withAgent ? "with" : "without") + " the agent, the JVM still hangs in its exit");
                // SIGTERM would only ask for the exit it is stuck in.
                ChildJvm.Result result = running.kill();
                if (withAgent) {
                    assertEquals(2, result.report().get("invocations").size(), "written by the agent's exit hook\n"
                            + result);
                    assertEquals(0, result.stderr().lines().filter(line -> line.contains("ERROR [FaaSGuard]")).count(),
                            result.stderr());
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void anOutOfMemoryErrorIsARuntimeExitToo(Path jdk) throws Exception {
        ChildJvm.Result result = ChildJvm.on(jdk).option("-Xmx96m")
                .property("faasguard.handler", PageSplitter.class.getName() + "::handle")
                .property("work.dir", work.toString())
                .run(LocalHost.class.getName(), "oom", "clean:1");

        List<JsonNode> exits = findings(result, "runtime-exit");
        assertEquals(1, exits.size(), result::toString);
        assertEquals("OutOfMemoryError", exits.get(0).at("/detail/operation").asText());
        assertEquals(lines.of("hoard"), exits.get(0).at("/callSite/line").asInt(), "where the memory ran out");
        assertEquals(1, findings(result, "invocation-failed").size(), result::toString);
    }

    /** The JDK's feature version, from its {@code release} file. */
    private static int featureVersion(Path jdk) throws IOException {
        for (String line : Files.readAllLines(jdk.resolve("release"))) {
            if (line.startsWith("JAVA_VERSION=")) {
                String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                return Integer.parseInt(version.split("[.+-]")[0]);
            }
        }
        return 0;
    }

    private static List<JsonNode> findings(ChildJvm.Result result, String rule) {
        return result.findings().stream().filter(f -> f.get("rule").asText().equals(rule)).toList();
    }

    private static long findingsExcept(ChildJvm.Result result, String rule) {
        return result.findings().size() - findings(result, rule).size() + 1;
    }
}
