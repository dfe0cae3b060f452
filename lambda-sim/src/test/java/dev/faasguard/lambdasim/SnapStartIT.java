package dev.faasguard.lambdasim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.faasguard.lambdasim.SimTesting.describe;
import static dev.faasguard.lambdasim.SimTesting.json;
import static dev.faasguard.lambdasim.SimTesting.sim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SnapStart: the real runtime interface client runs its checkpoint protocol against lambda-sim (hooks registered
 * through both of its CRaC bridges, {@code /restore/next}, {@code /restore/error}), on JDK 17 and on JDK 25.
 */
class SnapStartIT {
    private static final Pattern GAP = Pattern.compile("gapMs=(\\d+)");

    static List<Path> jdks() {
        return Fixtures.jdks();
    }

    private static LambdaSim.Builder snapStartSim(Path jdk) {
        return sim(jdk, "SnapStartHandler").jar(SimTesting.orgCracJar());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void checkpointHooksThenASnapshotHeldForItsAgeThenRestoreHooksThenTheInvocations(Path jdk) throws Exception {
        Duration age = Duration.ofMillis(1500);
        try (LambdaSim sim = snapStartSim(jdk).snapStart(age).build()) {
            Instant before = Instant.now();
            long startNanos = System.nanoTime();
            InvocationResult first = sim.invoke("{}");
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
            InvocationResult second = sim.invoke("{}");

            assertEquals(Outcome.SUCCESS, first.outcome(), describe(first));
            assertEquals(Outcome.SUCCESS, second.outcome(), describe(second));
            String calls = "calls=[org.crac:beforeCheckpoint, aws:beforeCheckpoint, aws:afterRestore,"
                    + " org.crac:afterRestore]";
            String response = first.response().orElseThrow();
            assertTrue(response.contains(calls), "each hook once, checkpoint hooks in reverse order: " + response);
            assertTrue(response.contains(" initType=snap-start version=1 arn=" + sim.config().functionArn() + ":1"
                    + " compat=com.amazonaws.services.lambda.crac\""), response);
            assertTrue(second.response().orElseThrow().contains(calls), "no hook runs again while warm");

            Matcher gap = GAP.matcher(response);
            assertTrue(gap.find(), response);
            assertTrue(Long.parseLong(gap.group(1)) >= age.toMillis(),
                    "the function's wall clock moved by the snapshot age between its hooks: " + response);

            assertTrue(first.coldStart() && first.restored(), describe(first));
            assertFalse(second.coldStart() || second.restored(), describe(second));
            Restore restore = first.restore();
            assertFalse(restore.snapshotTakenAt().isBefore(before), restore.toString());
            assertTrue(restore.snapshotAge().compareTo(age) >= 0, restore.toString());
            assertTrue(restore.duration().compareTo(Duration.ZERO) > 0, restore.toString());
            // Init, snapshot, restore and invocation follow one another: the age is in neither the init nor the
            // invocation.
            assertTrue(first.initDuration().plus(restore.snapshotAge()).plus(restore.duration())
                    .plus(first.duration()).compareTo(elapsed) <= 0, first + " within " + elapsed);
            assertEquals(first.pid(), second.pid());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void failingAfterRestoreHookIsARestoreErrorAndTheRuntimeExits(Path jdk) throws Exception {
        try (LambdaSim sim = snapStartSim(jdk).snapStart().env("SNAPSTART_FAIL", "afterRestore").build()) {
            InvocationResult r = sim.invoke("{}");
            assertEquals(Outcome.RESTORE_ERROR, r.outcome(), describe(r));
            assertEquals("com.amazonaws.services.lambda.crac.RestoreException", r.errorType(), describe(r));
            assertTrue(r.restored(), "the restore began, then failed");
            assertTrue(r.stdout().contains("afterRestore failed on purpose"), "the client logs the hook's failure: "
                    + describe(r));
            assertFalse(ProcessHandle.of(r.pid()).map(ProcessHandle::isAlive).orElse(false), "the runtime exits");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void failingCheckpointHookIsAnInitErrorAndNothingIsRestored(Path jdk) throws Exception {
        try (LambdaSim sim = snapStartSim(jdk).snapStart().env("SNAPSTART_FAIL", "beforeCheckpoint").build()) {
            InvocationResult r = sim.invoke("{}");
            assertEquals(Outcome.INIT_ERROR, r.outcome(), describe(r));
            JsonNode error = json(r.bodyText());
            assertEquals("com.amazonaws.services.lambda.crac.CheckpointException", error.get("errorType").asText());
            assertNull(r.restore(), describe(r));
            assertTrue(r.stdout().contains("beforeCheckpoint failed on purpose"), describe(r));
        }
    }
}
