package dev.faasguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.attach.LongRunningApp;
import com.example.ci.BuildStep;
import com.example.writes.HelloApp;
import com.example.writes.WriteApis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code failOn}: a build step with findings at or above the level exits with 3 and prints them as a table. */
class FailOnIT {

    private static final String HEADINGS = "  rule                  severity  count  call site\n";

    private static SourceLines lines;
    private Path dir;

    @BeforeAll
    static void readMarkers() throws IOException {
        lines = new SourceLines(BuildStep.class);
    }

    @BeforeEach
    void directory() throws IOException {
        dir = Files.createDirectories(Path.of("/var/tmp", "faasguard-it-" + UUID.randomUUID()));
    }

    @AfterEach
    void cleanUp() throws IOException {
        WriteApis.deleteTree(dir);
    }

    static Stream<Path> jdks() {
        return ChildJvm.jdks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void anErrorFailsTheRunWith3AfterTheApplicationsShutdownHooksAndTheReport(Path jdk) throws Exception {
        ChildJvm.Result result = ChildJvm.on(jdk).agentArguments("failOn=error").run(BuildStep.class.getName(),
                dir.toString(), "slowHook", "write", "join");

        assertEquals(3, result.exitCode(), result::toString);
        assertEquals("slow hook done\n", result.stdout(), "the application's own shutdown hook ran to its end");
        assertTrue(result.stderr().endsWith("""
                [FaaSGuard] failed the run because 1 finding is at or above error (failOn=error): exit status 3
                  rule               severity  count  call site
                  write-outside-tmp  error         1  com.example.ci.BuildStep.main(BuildStep.java:%d)
                """.formatted(lines.of("write"))), result::toString);
        assertEquals(2, result.findings().size(), "the report, written before, holds the warning too\n" + result);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void onlyWarningsPassARunThatFailsOnErrors(Path jdk) throws Exception {
        ChildJvm.Result result = ChildJvm.on(jdk).env("FAASGUARD_FAIL_ON", "error").run(BuildStep.class.getName(),
                dir.toString(), "join");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("join-without-timeout (warning)"), result::toString);
        assertFalse(result.stderr().contains("failOn"), result::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aWarningFailsARunThatFailsOnWarningsEvenAfterSystemExit0(Path jdk) throws Exception {
        ChildJvm.Result result = ChildJvm.on(jdk).property("faasguard.failOn", "warning").run(BuildStep.class.getName(),
                dir.toString(), "join", "exit=0");

        assertEquals(3, result.exitCode(), result::toString);
        assertTrue(result.stderr().endsWith("""
                [FaaSGuard] failed the run because 1 finding is at or above warning (failOn=warning): exit status 3
                %s  join-without-timeout  warning       1  com.example.ci.BuildStep.main(BuildStep.java:%d)
                """.formatted(HEADINGS, lines.of("join"))), result::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void noFindingsPrintNothingAndExit0(Path jdk) throws Exception {
        ChildJvm.Result result = ChildJvm.on(jdk).agentArguments("failOn=warning").run(HelloApp.class.getName());

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", result.stderr());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theApplicationsOwnFailingStatusIsKept(Path jdk) throws Exception {
        ChildJvm.Result exit5 = ChildJvm.on(jdk).agentArguments("failOn=error").run(BuildStep.class.getName(),
                dir.toString(), "write", "exit=5");
        assertEquals(5, exit5.exitCode(), exit5::toString);
        assertTrue(exit5.stderr().contains(
                "[FaaSGuard] 1 finding is at or above error (failOn=error); the application's own exit status 5 is kept\n"), exit5::toString);

        ChildJvm.Result thrown = ChildJvm.on(jdk).agentArguments("failOn=error").run(BuildStep.class.getName(),
                dir.toString(), "write", "throw");
        assertEquals(1, thrown.exitCode(), thrown::toString);
        assertTrue(thrown.stderr().contains("Exception in thread \"main\" java.lang.IllegalStateException: the build step failed"),
                thrown::toString);
        // The exception that ends main is an error too: uncaught-exception.
        assertTrue(thrown.stderr().contains(
                "[FaaSGuard] 2 findings are at or above error (failOn=error); the application's own exit status 1 is kept\n"), thrown::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aJvmStoppedBySigtermKeepsItsStatus(Path jdk) throws Exception {
        try (ChildJvm.Running app = ChildJvm.on(jdk).agentArguments("failOn=error").start(LongRunningApp.class.getName(), dir.toString())) {
            ChildJvm.Result result = app.awaitLine("ready").send("go").awaitLine("handled").terminate();

            assertEquals(143, result.exitCode(), "128 + SIGTERM, as without the agent\n" + result);
            assertTrue(result.stderr().contains(
                    "[FaaSGuard] 1 finding is at or above error (failOn=error); the JVM is stopped by a signal and keeps that exit status\n"),
                    result::toString);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aBadValueWarnsOnceAndFailsNothing(Path jdk) throws Exception {
        ChildJvm.Result result = ChildJvm.on(jdk).property("faasguard.failOn", "fatal").run(BuildStep.class.getName(),
                dir.toString(), "write");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(1, result.stderr().lines().filter(line -> line.endsWith(
                "[FaaSGuard] invalid value 'fatal' for faasguard.failOn (system property): allowed is error, warning or off; "
                        + "using the default 'off'")).count(), result::toString);
        assertFalse(result.stderr().contains("failed the run"), result::toString);
    }
}
