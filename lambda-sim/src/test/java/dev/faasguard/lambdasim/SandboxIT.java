package dev.faasguard.lambdasim;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.faasguard.lambdasim.SimTesting.describe;
import static dev.faasguard.lambdasim.SimTesting.event;
import static dev.faasguard.lambdasim.SimTesting.sim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lambda's file system: read-only everywhere but /tmp, and /tmp of a fixed size, kept while the environment is warm. */
class SandboxIT {

    @BeforeAll
    static void sandboxNeeded() {
        SimTesting.requireSandbox();
    }

    static List<Path> jdks() {
        return Fixtures.jdks();
    }

    private static String write(String path, long bytes) {
        return event("{'action':'write','path':'" + path + "','bytes':" + bytes + "}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void everythingButTmpIsReadOnlyAndTmpIsLimited(Path jdk) throws Exception {
        // A checkout under /tmp is inside the function's own tmpfs /tmp: then /var/tmp stands for the host's disk.
        Path target = Path.of("target").toAbsolutePath();
        Path projectDir = target.startsWith("/tmp") ? Path.of("/var/tmp") : target;
        try (LambdaSim sim = sim(jdk, "ActionHandler").sandbox(SimConfig.SandboxMode.REQUIRED).tmpSize("16m").build()) {
            assertTrue(sim.sandboxed());
            List<InvocationResult> rs = sim.run(List.of(
                    write(sim.taskRoot() + "/users.json", 10).getBytes(),   // next to the function's jar
                    write("/var/task/users.json", 10).getBytes(),
                    write(projectDir + "/written-by-function.txt", 10).getBytes(),
                    write("/tmp/big.bin", 20L << 20).getBytes(),              // 20 MiB into a 16 MiB /tmp
                    write("/tmp/small.bin", 1000).getBytes()));
            rs.forEach(r -> assertEquals(Outcome.SUCCESS, r.outcome(), describe(r)));
            for (int i = 0; i < 3; i++) {
                assertTrue(rs.get(i).bodyText().endsWith("Read-only file system\""), describe(rs.get(i)));
            }
            assertEquals("\"java.io.IOException: No space left on device\"", rs.get(3).bodyText(), describe(rs.get(3)));
            // The disk is full now, as it stays on Lambda until the function cleans up.
            assertEquals("\"java.io.IOException: No space left on device\"", rs.get(4).bodyText());
            assertFalse(Files.exists(sim.taskRoot().resolve("users.json")));
            assertFalse(Files.exists(projectDir.resolve("written-by-function.txt")));
            // The host still can: the mounts are the function's own.
            Path hostWrite = Files.writeString(projectDir.resolve("written-by-host.txt"), "ok");
            Files.delete(hostWrite);
        }
    }

    @Test
    void tmpSurvivesWarmInvocationsAndIsReadableFromTheHostEvenAfterAKill() throws Exception {
        Path keep = SimTesting.workDir().resolve("kept-tmp-" + System.nanoTime());
        Path jdk = Path.of(System.getProperty("java.home"));
        List<InvocationResult> rs;
        List<Path> tmpDirs;
        try (LambdaSim sim = sim(jdk, "ActionHandler").sandbox(SimConfig.SandboxMode.REQUIRED)
                .timeout(Duration.ofSeconds(2)).agent(SimTesting.agentJar(), "mode=test").keepTmp(keep).build()) {
            rs = sim.run(List.of(
                    event("{'action':'write','path':'/tmp/state/visits.txt','text':'first'}").getBytes(),
                    event("{'action':'read','path':'/tmp/state/visits.txt'}").getBytes(),
                    event("{'action':'sleep','ms':30000}").getBytes(),
                    event("{'action':'read','path':'/tmp/state/visits.txt'}").getBytes()));
            tmpDirs = sim.tmpDirs();
            assertEquals("\"written first\"", rs.get(0).bodyText(), describe(rs.get(0)));
            assertFalse(rs.get(1).coldStart());
            assertEquals("\"first\"", rs.get(1).bodyText(), "warm invocations share /tmp");
            assertEquals(Outcome.TIMEOUT, rs.get(2).outcome());
            assertTrue(rs.get(3).coldStart());
            assertTrue(rs.get(3).bodyText().contains("NoSuchFileException"), "a new environment has a fresh /tmp: "
                    + describe(rs.get(3)));

            assertEquals(2, tmpDirs.size());
            assertEquals(tmpDirs.get(0), rs.get(2).tmpDir());
            assertNotEquals(tmpDirs.get(0), tmpDirs.get(1));
            // After the kill, what the killed environment left in /tmp is still on the host.
            assertEquals("first", Files.readString(tmpDirs.get(0).resolve("state/visits.txt")));
            // The agent ran in each function JVM and wrote into that environment's /tmp.
            assertEquals("premain mode=test", Files.readString(tmpDirs.get(0).resolve("recording-agent.txt")));
            assertEquals("premain mode=test", Files.readString(tmpDirs.get(1).resolve("recording-agent.txt")));
        }
        // close(): unmounted and deleted, but copied to keepTmp first.
        assertFalse(Files.exists(tmpDirs.get(0)));
        assertEquals("first", Files.readString(keep.resolve("env-1/state/visits.txt")));
        assertTrue(Files.exists(keep.resolve("env-2/recording-agent.txt")));
        assertFalse(Files.readString(Path.of("/proc/self/mounts")).contains(tmpDirs.get(0).toString()),
                "the tmpfs is unmounted");
    }
}
