package dev.faasguard.agent.telemetry.otel.grpc;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.GrpcResponse;
import io.opentelemetry.sdk.common.export.GrpcSender;
import io.opentelemetry.sdk.common.export.MessageWriter;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A gRPC sender that can drop its connection and make a new one: the SDK's OkHttp sender keeps its HTTP/2
 * connection to the collector open in a pool no API of the exporter empties. {@link #renew} shuts the current
 * sender down (its pool's connections closed) as soon as none of its exports is in flight, and the next export
 * creates a new sender, which connects again. So no export is cut, and none is lost: each goes to the sender it was
 * handed to. A sender is created at the first export, not when the exporter is built.
 */
final class RenewableGrpcSender implements GrpcSender {

    private final Supplier<GrpcSender> factory;
    /** Guarded by this: the sender new exports go to, or null until the next export creates one. */
    private Generation current;
    private boolean shutDown;

    RenewableGrpcSender(Supplier<GrpcSender> factory) {
        this.factory = factory;
    }

    @Override
    public void send(MessageWriter message, Consumer<GrpcResponse> onResponse, Consumer<Throwable> onError) {
        Generation generation;
        try {
            generation = sending();
        } catch (RuntimeException | LinkageError e) {
            onError.accept(e);
            return;
        }
        // The generation learns the export is over before the exporter does, so that a flush that waits for the
        // exporter finds the connection already closed when it is the last one before the snapshot.
        try {
            generation.sender.send(message, response -> {
                answered(generation);
                onResponse.accept(response);
            }, failure -> {
                answered(generation);
                onError.accept(failure);
            });
        } catch (RuntimeException e) {
            answered(generation);
            onError.accept(e);
        }
    }

    /** An export of {@code generation} is over; before a snapshot, its connection closes once it is idle. */
    private void answered(Generation generation) {
        generation.done();
        if (GrpcConnections.closeEach()) {
            synchronized (this) {
                if (current == generation) {
                    current = null;
                    generation.retire();
                }
            }
        }
    }

    /**
     * Closes the current sender's connection once its exports in flight are answered; the next export connects
     * anew.
     *
     * @return completes when the connection is closed (at once when there was none)
     */
    synchronized CompletableResultCode renew() {
        Generation retiring = current;
        current = null;
        return retiring == null ? CompletableResultCode.ofSuccess() : retiring.retire();
    }

    @Override
    public synchronized CompletableResultCode shutdown() {
        shutDown = true;
        return renew();
    }

    private synchronized Generation sending() {
        if (shutDown) {
            throw new IllegalStateException("the exporter was shut down");
        }
        if (current == null) {
            current = new Generation(factory.get());
        }
        current.inFlight++;
        return current;
    }

    /** One sender and its connection, from the export that created it until it is retired and idle. */
    private static final class Generation {
        final GrpcSender sender;
        /** Guarded by this. */
        int inFlight;
        /** Guarded by this: set once retired; completes when the sender is shut down. */
        CompletableResultCode closed;

        Generation(GrpcSender sender) {
            this.sender = sender;
        }

        synchronized CompletableResultCode retire() {
            if (closed == null) {
                closed = new CompletableResultCode();
                if (inFlight == 0) {
                    close();
                }
            }
            return closed;
        }

        synchronized void done() {
            inFlight--;
            if (closed != null && inFlight == 0) {
                close();
            }
        }

        private void close() {
            CompletableResultCode result = closed;
            sender.shutdown().whenComplete(result::succeed);
        }
    }
}
