package dev.faasguard.agent.telemetry.otel.grpc;

import io.opentelemetry.sdk.common.CompletableResultCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The agent's OTLP/gRPC senders (one per exporter), so that their connections to the collector can be closed before
 * a SnapStart snapshot: each restored copy would inherit them dead. Held weakly, like the exporters that own them.
 */
public final class GrpcConnections {

    private static final Set<RenewableGrpcSender> SENDERS = Collections.newSetFromMap(new WeakHashMap<>());
    /** From the checkpoint's flush to the restore: an export made meanwhile closes its connection once answered. */
    private static volatile boolean closeEach;

    private GrpcConnections() {}

    static RenewableGrpcSender track(RenewableGrpcSender sender) {
        synchronized (SENDERS) {
            SENDERS.add(sender);
        }
        return sender;
    }

    /**
     * Closes every sender's connection once its exports in flight are answered, and waits for that at most
     * {@code boundMillis}; until {@link #keepAliveAgain}, an export (the SDK's batch processor or metric reader may
     * start one on their own schedule) connects again and closes its connection once answered.
     */
    public static void closeAll(long boundMillis) {
        closeEach = true;
        List<CompletableResultCode> closing = new ArrayList<>();
        synchronized (SENDERS) {
            for (RenewableGrpcSender sender : SENDERS) {
                closing.add(sender.renew());
            }
        }
        CompletableResultCode.ofAll(closing).join(boundMillis, TimeUnit.MILLISECONDS);
    }

    /** Restored: connections are kept between exports again. */
    public static void keepAliveAgain() {
        closeEach = false;
    }

    static boolean closeEach() {
        return closeEach;
    }
}
