package dev.faasguard.agent.telemetry.otel.http;

/**
 * Whether the agent's OTLP/HTTP requests may leave their connection open for the next one. The JDK keeps idle HTTP
 * connections in a cache of its own, process-wide, that no API empties: so that none of the agent's is in a SnapStart
 * snapshot (dead in every restored copy), each request made from the checkpoint to the restore asks for its
 * connection to be closed once answered. Process-wide like that cache.
 */
public final class ExportConnections {

    private static volatile boolean closeEach;

    private ExportConnections() {}

    /** The checkpoint is coming: the requests of the last flush close their connections. */
    public static void closeBeforeSnapshot() {
        closeEach = true;
    }

    /** Restored: connections are kept alive between requests again. */
    public static void keepAliveAgain() {
        closeEach = false;
    }

    static boolean closeEach() {
        return closeEach;
    }
}
