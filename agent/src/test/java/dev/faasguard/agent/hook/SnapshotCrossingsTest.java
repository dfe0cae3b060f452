package dev.faasguard.agent.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.snapshot.AppCall;
import dev.faasguard.agent.finding.Finding;
import dev.faasguard.agent.finding.FindingRecorder;
import dev.faasguard.agent.finding.FindingStore;
import dev.faasguard.agent.finding.IgnoreList;
import dev.faasguard.agent.rule.FileProbe;
import dev.faasguard.agent.rule.RuleContext;
import dev.faasguard.agent.rule.Rules;
import dev.faasguard.agent.rule.RuntimeApiAddress;
import dev.faasguard.bootstrap.WritableRoots;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What init seeds and connects, judged as it crosses the snapshot: one finding at the line to change, or none. */
class SnapshotCrossingsTest {

    private final FindingStore store = new FindingStore();
    private final SnapshotCrossings crossings = new SnapshotCrossings(Rules.create(new RuleContext(
            WritableRoots.TMP_ONLY, "/var/task", "/tmp", "/root", FileProbe.REAL, RuntimeApiAddress.NONE)),
            new FindingRecorder(store, IgnoreList.NONE, () -> "request-1"));

    @Test
    void aGeneratorSeededInInitIsOneFindingAtItsCreationNamingItsFirstUseAfterTheRestore() {
        Random random = new Random();
        int seededAt = AppCall.run(() -> crossings.randomSeeded(random));
        assertTrue(crossings.afterRestore(), "a generator is watched after the restore");
        int usedAt = AppCall.run(() -> assertFalse(crossings.randomUsed(random, false), "nothing left to watch"));
        crossings.randomUsed(random, false);

        List<Finding> findings = findings();
        assertEquals(1, findings.size(), "each generator once");
        Finding finding = findings.get(0);
        assertEquals("random-across-snapshot", finding.rule().id());
        assertEquals(seededAt, finding.callSite().line());
        assertEquals("java.util.Random", finding.detail().get("generator"));
        assertEquals(AppCall.frame(usedAt), finding.detail().get("usedAfterRestoreAt"));
        assertEquals("request-1", finding.invocation());
    }

    @Test
    void aGeneratorNotSeededInInitOrNeverUsedAfterTheRestoreIsNoFinding() {
        SplittableRandom seededButUnused = new SplittableRandom();
        crossings.randomSeeded(seededButUnused);
        assertTrue(crossings.randomUsed(new SplittableRandom(), false), "the seeded one is still watched");
        assertEquals(List.of(), findings());
    }

    @Test
    void aGeneratorGivenANewSeedAfterTheRestoreIsNoFinding() {
        Random random = new Random();
        crossings.randomSeeded(random);
        crossings.afterRestore();
        assertFalse(crossings.randomUsed(random, true), "reseeded (an afterRestore hook's fix): forgotten");
        crossings.randomUsed(random, false);
        assertEquals(List.of(), findings());
    }

    @Test
    void aSocketInitConnectedAndLeftOpenIsOneFindingAtTheConnectWithItsAddress() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
                Socket open = new Socket(); Socket closed = new Socket()) {
            InetSocketAddress address = new InetSocketAddress("localhost", server.getLocalPort());
            int connectedAt = AppCall.run(() -> crossings.connecting(open, address));
            open.connect(address);
            crossings.connecting(closed, address);
            closed.connect(address);
            closed.close();
            crossings.connecting(new Socket(), address);

            crossings.checkpoint();
            crossings.checkpoint();

            List<Finding> findings = findings();
            assertEquals(1, findings.size(), "the closed socket and the unconnected one cross nothing: " + findings);
            Finding finding = findings.get(0);
            assertEquals("connection-across-snapshot", finding.rule().id());
            assertEquals(connectedAt, finding.callSite().line());
            assertEquals("localhost:" + server.getLocalPort(), finding.detail().get("remote"));
        }
    }

    @Test
    void theFirstUseAfterTheRestoreOfASocketLeftOpenIsNamedInItsFinding() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
                Socket open = new Socket(); Socket other = new Socket()) {
            InetSocketAddress address = new InetSocketAddress("localhost", server.getLocalPort());
            int connectedAt = AppCall.run(() -> crossings.connecting(open, address));
            open.connect(address);
            assertFalse(crossings.connectionsCrossed(), "nothing crossed before the checkpoint");
            crossings.checkpoint();
            assertTrue(crossings.connectionsCrossed(), "watched after the restore");
            assertTrue(crossings.connectionUsed(other), "another socket's use: the crossed one is still watched");
            int usedAt = AppCall.run(() -> assertFalse(crossings.connectionUsed(open), "nothing left to watch"));
            crossings.connectionUsed(open);

            List<FindingStore.Counted> findings = store.snapshot();
            assertEquals(1, findings.size(), String.valueOf(findings));
            Finding finding = findings.get(0).first();
            assertEquals(1, findings.get(0).count(), "amended, not counted again");
            assertEquals(connectedAt, finding.callSite().line(), "still the line that connected");
            assertEquals(AppCall.frame(usedAt), finding.detail().get("usedAfterRestoreAt"));
            assertEquals("localhost:" + server.getLocalPort(), finding.detail().get("remote"));
            assertTrue(finding.message().endsWith("first used after the restore at " + AppCall.frame(usedAt)),
                    finding.message());
        }
    }

    @Test
    void aSocketClosedBeforeTheCheckpointIsNeitherAFindingNorWatched() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
                Socket closed = new Socket()) {
            InetSocketAddress address = new InetSocketAddress("localhost", server.getLocalPort());
            crossings.connecting(closed, address);
            closed.connect(address);
            closed.close();
            crossings.checkpoint();
            assertFalse(crossings.connectionsCrossed());
            assertEquals(List.of(), findings());
        }
    }

    @Test
    void aChannelInitConnectedAndLeftOpenIsOneFindingToo() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
                SocketChannel open = SocketChannel.open(); SocketChannel closed = SocketChannel.open()) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.getLocalPort());
            crossings.connecting(open, address);
            open.connect(address);
            crossings.connecting(closed, address);
            closed.connect(address);
            closed.close();

            crossings.checkpoint();

            List<Finding> findings = findings();
            assertEquals(1, findings.size(), String.valueOf(findings));
            assertEquals("SocketChannel", findings.get(0).detail().get("connection"));
            assertEquals("127.0.0.1:" + server.getLocalPort(), findings.get(0).detail().get("remote"));
        }
    }

    @Test
    void theRemoteAddressKeepsOnlyWhatAHostNameIsMadeOf() throws IOException {
        assertEquals("db?x?fake-line:5432", InitConnections.remote(InetSocketAddress.createUnresolved("db\nx\rfake-line",
                5432)));
        assertEquals("10.0.0.7:5432", InitConnections.remote(new InetSocketAddress(
                java.net.InetAddress.getByAddress(new byte[] {10, 0, 0, 7}), 5432)));
    }

    private List<Finding> findings() {
        return store.snapshot().stream().map(FindingStore.Counted::first).toList();
    }
}
