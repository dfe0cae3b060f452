package dev.faasguard.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SnapStart hooks called directly against fake sinks: what they tell, and when they stay out of the way. */
class SnapshotHooksTest {

    @AfterEach
    void reset() {
        Hooks.reset();
    }

    @Test
    void withoutACheckpointAheadNothingIsRemembered() {
        RecordingSinks sinks = RecordingSinks.install(false);
        SnapshotHooks.randomSeeded(new Random());
        SnapshotHooks.randomUsed(new Random());
        SnapshotHooks.connecting(new Socket(), new InetSocketAddress("db.internal", 5432));
        assertEquals(List.of(), sinks.calls);
    }

    @Test
    void initsGeneratorsAndConnectsAreToldUntilTheCheckpointAndUsesAfterTheRestore() {
        RecordingSinks sinks = RecordingSinks.install(false);
        SnapshotHooks.checkpointAhead();
        Random random = new Random();
        SnapshotHooks.randomSeeded(random);
        SnapshotHooks.randomSeeded(new SplittableRandom());
        SnapshotHooks.randomSeeded(new SecureRandom());
        SnapshotHooks.randomSeeded(ThreadLocalRandom.current());
        SnapshotHooks.randomUsed(random);
        BlockingHooks.socketConnectEnter(new Socket(), new InetSocketAddress("db.internal", 5432), 1000);
        InvocationHooks.snapshotTaking();
        SnapshotHooks.randomSeeded(new Random());
        InvocationHooks.restored();
        SnapshotHooks.randomReseeded(random);
        SnapshotHooks.randomUsed(random);
        sinks.watching = false;
        SnapshotHooks.randomUsed(random);
        SnapshotHooks.randomUsed(random);
        assertEquals(List.of("randomSeeded Random", "randomSeeded SplittableRandom",
                "connecting Socket db.internal/<unresolved>:5432", "checkpoint", "snapshotTaking", "afterRestore",
                "connectionsCrossed", "restored", "randomReseeded Random", "randomUsed Random", "randomUsed Random"), sinks.calls,
                "no SecureRandom, no ThreadLocalRandom, no use before the restore, none once nothing is watched");
        assertEquals(0, sinks.callsNotAsAgent);
    }

    @Test
    void readsAndWritesAreToldOnlyAfterTheRestoreAndWhileAConnectionOfInitsIsWatched() {
        RecordingSinks sinks = RecordingSinks.install(false);
        Socket socket = new Socket();
        SnapshotHooks.connectionUsed(socket);
        SnapshotHooks.checkpointAhead();
        SnapshotHooks.connectionUsed(socket);
        InvocationHooks.snapshotTaking();
        InvocationHooks.restored();
        SnapshotHooks.connectionUsed(socket);
        sinks.watching = false;
        SnapshotHooks.connectionUsed(socket);
        SnapshotHooks.connectionUsed(socket);
        assertEquals(List.of("checkpoint", "snapshotTaking", "afterRestore", "connectionsCrossed", "restored",
                "connectionUsed Socket", "connectionUsed Socket"), sinks.calls, "none once nothing is watched");
        assertFalse(SnapshotHooks.connectionsWatched);
        assertEquals(0, sinks.callsNotAsAgent);
    }

    @Test
    void aFailingSinkStopsTheWatchInsteadOfFailingOnEveryValue() {
        RecordingSinks sinks = RecordingSinks.install(false);
        SnapshotHooks.checkpointAhead();
        InvocationHooks.snapshotTaking();
        InvocationHooks.restored();
        sinks.failure = new IllegalStateException("broken");
        SnapshotHooks.randomUsed(new Random());
        SnapshotHooks.randomUsed(new Random());
        assertEquals(1, sinks.failures.size());
        assertFalse(SnapshotHooks.randomsWatched);
    }
}
