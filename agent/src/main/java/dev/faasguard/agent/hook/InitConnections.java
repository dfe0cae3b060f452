package dev.faasguard.agent.hook;

import dev.faasguard.agent.finding.CallSite;
import dev.faasguard.agent.finding.FindingRecorder;
import dev.faasguard.agent.finding.StackCapture;
import dev.faasguard.agent.rule.ConnectionAcrossSnapshotRule;
import dev.faasguard.agent.rule.ConnectionAcrossSnapshotRule.OpenAtCheckpoint;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The sockets and channels a SnapStart function's init connected, each with the line that connected it, until the
 * checkpoint: those still open then cross the snapshot, one finding each, at the checkpoint (so that every restored
 * copy's report has it, used or not). After the restore, the first read or write of each names its line in the
 * finding. Held weakly: a connection init dropped unclosed is the garbage collector's, not the snapshot's.
 */
final class InitConnections {

    private record Connect(String remote, StackCapture.Capture where) {}

    /** A connection the snapshot caught open: what its finding said, and where it is. */
    private record Crossing(OpenAtCheckpoint open, CallSite findingAt) {}

    /** Guarded by itself. Sockets and SocketChannelImpl use identity for equals and hashCode. */
    private final Map<Object, Connect> connects = new WeakHashMap<>();
    /** Guarded by itself: the connections open at the checkpoint, until their first use after the restore. */
    private final Map<Object, Crossing> crossed = new WeakHashMap<>();
    private final ConnectionAcrossSnapshotRule rule;
    private final FindingRecorder recorder;

    InitConnections(ConnectionAcrossSnapshotRule rule, FindingRecorder recorder) {
        this.rule = rule;
        this.recorder = recorder;
    }

    void connecting(Object connection, Object address) {
        Connect connect = new Connect(remote(address), StackCapture.here());
        synchronized (connects) {
            connects.put(connection, connect);
        }
    }

    /** Judges what is still open, and forgets everything: nothing connects before this checkpoint any more. */
    void checkpoint() {
        List<Map.Entry<Object, Connect>> all;
        synchronized (connects) {
            all = new ArrayList<>(connects.entrySet());
            connects.clear();
        }
        for (Map.Entry<Object, Connect> entry : all) {
            Object connection = entry.getKey();
            if (connection != null && open(connection)) {
                OpenAtCheckpoint open = new OpenAtCheckpoint(connection instanceof Socket ? "Socket" : "SocketChannel",
                        entry.getValue().remote());
                CallSite findingAt = report(open, entry.getValue().where());
                if (findingAt != null) {
                    synchronized (crossed) {
                        crossed.put(connection, new Crossing(open, findingAt));
                    }
                }
            }
        }
    }

    /** @return whether any connection the snapshot caught open is watched for its first use */
    boolean anyCrossed() {
        synchronized (crossed) {
            return !crossed.isEmpty();
        }
    }

    /**
     * A read or write after the restore: the first of a connection the snapshot caught open names its line in the
     * finding.
     *
     * @return whether any such connection is still watched
     */
    boolean used(Object connection) {
        Crossing crossing;
        boolean more;
        synchronized (crossed) {
            crossing = crossed.remove(connection);
            more = !crossed.isEmpty();
        }
        if (crossing != null) {
            String usedAt = StackCapture.here().callSite().frame();
            rule.evaluate(crossing.open().usedAt(usedAt))
                    .ifPresent(used -> recorder.amend(used, crossing.findingAt()));
        }
        return more;
    }

    /** @return the finding's call site, or null when there is none (the platform's own connection, an ignored line) */
    private CallSite report(OpenAtCheckpoint open, StackCapture.Capture connectedAt) {
        return rule.evaluate(open).map(found -> {
            StackCapture.Capture kept = recorder.unlessIgnored(found, connectedAt);
            if (kept == null) {
                return null;
            }
            recorder.record(found, kept, Map.of());
            return kept.callSite();
        }).orElse(null);
    }

    /** A failed connect leaves the socket unconnected; a closed one stays "connected" but is closed. */
    private static boolean open(Object connection) {
        if (connection instanceof Socket socket) {
            return socket.isConnected() && !socket.isClosed();
        }
        return connection instanceof SocketChannel channel && channel.isConnected();
    }

    /**
     * {@code host:port} as the application named the host, keeping only what a host name or an address is made of: a
     * name the application built can put nothing else into the agent's log.
     */
    static String remote(Object address) {
        if (!(address instanceof InetSocketAddress inet)) {
            return "?";
        }
        StringBuilder host = new StringBuilder();
        for (char c : inet.getHostString().toCharArray()) {
            boolean hostCharacter = c < 128 && (Character.isLetterOrDigit(c) || ".-_:[]%".indexOf(c) >= 0);
            host.append(hostCharacter ? c : '?');
        }
        return host + ":" + inet.getPort();
    }
}
