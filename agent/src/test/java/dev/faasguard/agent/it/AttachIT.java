package dev.faasguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.attach.BusyApp;
import com.example.attach.LongRunningApp;
import com.example.writes.WriteApis;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code java -jar faasguard-agent.jar list} and {@code attach <pid>} against a JVM that is already
 * running, each JDK attaching with its own java. Every test attaches only to the JVM it started.
 */
class AttachIT {

    /** What JDK 21+ prints, on the target's stderr, when an agent is loaded into it without -XX:+EnableDynamicAgentLoading. */
    private static final List<String> JDK_DYNAMIC_AGENT_WARNING = List.of(
            "WARNING: A Java agent has been loaded dynamically (" + ChildJvm.agentJar() + ")",
            "WARNING: If a serviceability tool is in use, please run with -XX:+EnableDynamicAgentLoading to hide this warning",
            "WARNING: If a serviceability tool is not in use, please run with -Djdk.instrument.traceUsage for more information",
            "WARNING: Dynamic loading of agents will be disallowed by default in a future release");
    /** A line the agent's log prints, or the indented fix and stack under it. */
    private static final Pattern AGENT_LOG_LINE = Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  \\[FaaSGuard\\] .*|    .*");

    private static SourceLines lines;
    private Path outside;
    private Path report;

    @BeforeAll
    static void readMarkers() throws IOException {
        lines = new SourceLines(LongRunningApp.class);
    }

    @BeforeEach
    void directories() throws IOException {
        outside = Files.createDirectories(Path.of("/var/tmp", "faasguard-it-" + UUID.randomUUID()));
        report = Path.of("/tmp", "faasguard-it-attach-" + UUID.randomUUID() + ".json");
    }

    @AfterEach
    void cleanUp() throws IOException {
        WriteApis.deleteTree(outside);
        Files.deleteIfExists(report);
    }

    static Stream<Path> jdks() {
        return ChildJvm.jdks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void listShowsTheJvmThenAttachFindsItsMistakesAtTheirLinesAndASecondAttachIsRefused(Path jdk) throws Exception {
        try (ChildJvm.Running app = startApp(jdk)) {
            ChildJvm.Result list = cli(jdk, "list");
            assertEquals(0, list.exitCode(), list::toString);
            assertTrue(list.stdout().lines().anyMatch(line -> line.equals(app.pid() + "  " + LongRunningApp.class.getName() + " " + outside)),
                    list::toString);

            String handler = "handler=" + LongRunningApp.class.getName() + "::handle";
            ChildJvm.Result attach = cli(jdk, "attach", Long.toString(app.pid()), "report=" + report, handler);
            assertEquals(0, attach.exitCode(), attach::toString);
            assertEquals("FaaSGuard 0.1.0 attached to JVM " + app.pid() + " (" + LongRunningApp.class.getName() + " " + outside
                    + "): findings are logged on its stderr, and written to its report when it exits\n", attach.stdout());
            if (release(jdk) >= 21) {
                assertTrue(attach.stderr().startsWith("note: JVM " + app.pid() + " (" + LongRunningApp.class.getName() + " " + outside
                        + ") runs Java " + release(jdk) + " without -XX:+EnableDynamicAgentLoading on its command line"), attach::toString);
            } else {
                assertEquals("", attach.stderr());
            }

            ChildJvm.Result again = cli(jdk, "attach", Long.toString(app.pid()), "report=" + report);
            assertEquals(1, again.exitCode(), again::toString);
            assertEquals("faasguard: FaaSGuard 0.1.0 is already running in JVM " + app.pid() + " (" + LongRunningApp.class.getName()
                    + " " + outside + "); not attached a second time\n", again.stderr());

            ChildJvm.Result result = app.send("go").awaitLine("handled").send("exit").finish();
            assertEquals(0, result.exitCode(), result::toString);
            assertEquals("ready\nhandled\n", result.stdout());
            assertStderrHoldsOnlyTheFindings(jdk, result, true);

            JsonNode invocation = result.report().at("/invocations/0");
            assertEquals(1, result.report().get("invocations").size(), "the handler, already loaded, was instrumented\n" + result);
            assertFinding(result, "write-outside-tmp", "write", invocation);
            assertFinding(result, "join-without-timeout", "join", invocation);
            assertEquals(2, result.findings().size(), result::toString);
        }
    }

    /** The classes the agent rewrites at attach are in use on eight threads at that moment: none of them notices. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void attachingWhileEightThreadsHammerTheRewrittenClassesBreaksNoneOfThem(Path jdk) throws Exception {
        try (ChildJvm.Running app = ChildJvm.on(jdk).withoutAgent().report(report).option("-XX:+EnableDynamicAgentLoading")
                .start(BusyApp.class.getName(), outside.toString(), "8").awaitLine("ready")) {
            ChildJvm.Result attach = cli(jdk, "attach", Long.toString(app.pid()), "report=" + report);
            assertEquals(0, attach.exitCode(), attach::toString);
            Thread.sleep(1_000);

            ChildJvm.Result result = app.send("stop").finish();
            assertEquals(0, result.exitCode(), result::toString);
            assertTrue(result.stdout().matches("ready\\nloops=\\d+\\n"), "no thread saw an exception\n" + result);
            List<JsonNode> writes = result.findings();
            assertEquals(1, writes.size(), result::toString);
            assertEquals(new SourceLines(BusyApp.class).of("busyWrite"), writes.get(0).at("/callSite/line").asInt());
            assertTrue(writes.get(0).get("count").asLong() > 8, "found on every thread after the attach\n" + result);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aJvmStartedWithTheAgentIsRefused(Path jdk) throws Exception {
        try (ChildJvm.Running app = ChildJvm.on(jdk).report(report).start(LongRunningApp.class.getName(), outside.toString())) {
            app.awaitLine("ready");

            ChildJvm.Result attach = cli(jdk, "attach", Long.toString(app.pid()));
            assertEquals(1, attach.exitCode(), attach::toString);
            assertTrue(attach.stderr().contains("FaaSGuard 0.1.0 is already running in JVM " + app.pid()), attach::toString);

            ChildJvm.Result result = app.send("go").awaitLine("handled").send("exit").finish();
            assertFalse(result.stderr().contains("already running") || result.stderr().contains("WARNING"),
                    "nothing was loaded into the JVM\n" + result);
            assertEquals(2, result.findings().size(), result::toString);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void withEnableDynamicAgentLoadingTheJvmPrintsNoWarning(Path jdk) throws Exception {
        try (ChildJvm.Running app = startApp(jdk, "-XX:+EnableDynamicAgentLoading")) {
            ChildJvm.Result attach = cli(jdk, "attach", Long.toString(app.pid()), "report=" + report);
            assertEquals(0, attach.exitCode(), attach::toString);
            assertEquals("", attach.stderr(), "no note about a warning");

            ChildJvm.Result result = app.send("go").awaitLine("handled").send("exit").finish();
            assertStderrHoldsOnlyTheFindings(jdk, result, false);
            assertEquals(2, result.findings().size(), result::toString);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aJvmThatListLeavesOutForItsUsePerfDataIsAttachedByPid(Path jdk) throws Exception {
        try (ChildJvm.Running app = startApp(jdk, "-XX:-UsePerfData", "-XX:+EnableDynamicAgentLoading")) {
            ChildJvm.Result list = cli(jdk, "list");
            assertFalse(list.stdout().lines().anyMatch(line -> line.startsWith(app.pid() + " ")), list::toString);

            ChildJvm.Result attach = cli(jdk, "attach", Long.toString(app.pid()), "report=" + report);
            assertEquals(0, attach.exitCode(), attach::toString);

            ChildJvm.Result result = app.send("go").awaitLine("handled").send("exit").finish();
            assertStderrHoldsOnlyTheFindings(jdk, result, false);
            assertEquals(2, result.findings().size(), result::toString);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aJvmWithTheAttachMechanismDisabledIsExplainedAndLeftAlone(Path jdk) throws Exception {
        try (ChildJvm.Running app = startApp(jdk, "-XX:+DisableAttachMechanism")) {
            ChildJvm.Result list = cli(jdk, "list");
            assertFalse(list.stdout().lines().anyMatch(line -> line.startsWith(app.pid() + " ")), list::toString);

            ChildJvm.Result attach = cli(jdk, "attach", Long.toString(app.pid()), "report=" + report);
            assertEquals(1, attach.exitCode(), attach::toString);
            assertTrue(attach.stderr().startsWith("faasguard: could not attach to JVM " + app.pid() + " ("), attach::toString);
            assertTrue(attach.stderr().endsWith(LongRunningApp.class.getName() + " " + outside + "): The VM does not support the attach mechanism.\n"
                    + "A JVM started with -XX:+DisableAttachMechanism accepts no agent while it runs: start it with\n"
                    + "-javaagent:" + ChildJvm.agentJar() + "=report=" + report + " instead.\n"), attach::toString);

            ChildJvm.Result result = app.send("go").awaitLine("handled").send("exit").finish();
            assertEquals(0, result.exitCode(), result::toString);
            assertEquals("", result.stderr(), "the JVM was left alone");
            assertFalse(Files.exists(report));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aJvmThatForbidsDynamicAgentsIsExplainedAndLeftAlone(Path jdk) throws Exception {
        try (ChildJvm.Running app = startApp(jdk, "-XX:-EnableDynamicAgentLoading")) {
            ChildJvm.Result attach = cli(jdk, "attach", Long.toString(app.pid()));
            assertEquals(1, attach.exitCode(), attach::toString);
            assertEquals("faasguard: JVM " + app.pid() + " (" + LongRunningApp.class.getName() + " " + outside + ") was started with "
                    + "-XX:-EnableDynamicAgentLoading, which forbids loading an agent while it runs: start it with -javaagent:"
                    + ChildJvm.agentJar() + " instead, or without that flag\n", attach.stderr());

            ChildJvm.Result result = app.send("exit").finish();
            assertEquals("", result.stderr(), "the JVM was left alone");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aCommandLineMistakeIsAUsageErrorWithExitStatus2(Path jdk) throws Exception {
        ChildJvm.Result noPid = cli(jdk, "attach");
        assertEquals(2, noPid.exitCode(), noPid::toString);
        assertTrue(noPid.stderr().startsWith("faasguard: attach needs the pid of a running JVM; 'list' shows them\nUsage: "), noPid::toString);
        assertEquals("", noPid.stdout());
    }

    private ChildJvm.Running startApp(Path jdk, String... jvmOptions) throws Exception {
        ChildJvm jvm = ChildJvm.on(jdk).withoutAgent().report(report);
        for (String option : jvmOptions) {
            jvm.option(option);
        }
        return jvm.start(LongRunningApp.class.getName(), outside.toString()).awaitLine("ready");
    }

    /** The agent jar's own command, run with the target's JDK: its attach API attaches to the JVMs of its own release. */
    private static ChildJvm.Result cli(Path jdk, String... arguments) throws Exception {
        return ChildJvm.on(jdk).withoutAgent().report(null).runJar(ChildJvm.agentJar(), arguments);
    }

    private void assertFinding(ChildJvm.Result result, String rule, String line, JsonNode invocation) {
        JsonNode finding = result.findings().stream().filter(f -> f.get("rule").asText().equals(rule)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + rule + "\n" + result));
        assertEquals("LongRunningApp.java", finding.at("/callSite/file").asText(), rule);
        assertEquals(lines.of(line), finding.at("/callSite/line").asInt(), rule + " at its line");
        assertEquals(invocation.get("id").asText(), finding.get("invocation").asText(), rule + " in the handler's invocation");
    }

    /**
     * The agent adds its two warnings and nothing else; on JDK 21+ the JVM's own warning about a
     * dynamically loaded agent comes first, unless the JVM was started with -XX:+EnableDynamicAgentLoading.
     */
    private static void assertStderrHoldsOnlyTheFindings(Path jdk, ChildJvm.Result result, boolean jvmWarns) throws IOException {
        List<String> stderr = result.stderr().lines().toList();
        List<String> expectedWarning = jvmWarns && release(jdk) >= 21 ? JDK_DYNAMIC_AGENT_WARNING : List.of();
        assertEquals(expectedWarning, stderr.subList(0, Math.min(expectedWarning.size(), stderr.size())), result::toString);
        List<String> rest = stderr.subList(expectedWarning.size(), stderr.size());
        assertTrue(rest.stream().allMatch(line -> AGENT_LOG_LINE.matcher(line).matches()), result::toString);
        assertEquals(2, rest.stream().filter(line -> line.contains("[FaaSGuard]")).count(), result::toString);
    }

    /** The JDK's feature release; from 21 on (JEP 451) the JVM warns when an agent is loaded into it while it runs. */
    private static int release(Path jdk) throws IOException {
        Matcher version = Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(Files.readString(jdk.resolve("release")));
        if (!version.find()) {
            throw new IllegalStateException("no JAVA_VERSION in " + jdk.resolve("release"));
        }
        return Integer.parseInt(version.group(1));
    }
}
