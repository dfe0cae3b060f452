package dev.faasguard.agent.hook;

import dev.faasguard.agent.finding.FindingRecorder;
import dev.faasguard.agent.finding.StackCapture;
import dev.faasguard.agent.rule.ConnectionAcrossSnapshotRule;
import dev.faasguard.agent.rule.Violation;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The sockets and channels a SnapStart function's init connected, each with the line that connected it, until the
 * checkpoint: those still open then cross the snapshot, one finding each. Held weakly: a connection init dropped
 * unclosed is the garbage collector's, not the snapshot's.
 */
final class InitConnections {

    private record Connect(String remote, StackCapture.Capture where) {}

    /** Guarded by itself. Sockets and SocketChannelImpl use identity for equals and hashCode. */
    private final Map<Object, Connect> connects = new WeakHashMap<>();
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
                report(connection instanceof Socket ? "Socket" : "SocketChannel", entry.getValue());
            }
        }
    }

    private void report(String kind, Connect connect) {
        rule.evaluate(new ConnectionAcrossSnapshotRule.OpenAtCheckpoint(kind, connect.remote())).ifPresent(found -> {
            StackCapture.Capture kept = recorder.unlessIgnored(found, connect.where());
            if (kept != null) {
                recorder.record(found, kept, Map.of());
            }
        });
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
