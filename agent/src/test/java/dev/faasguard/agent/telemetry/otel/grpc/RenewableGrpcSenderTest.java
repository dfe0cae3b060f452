package dev.faasguard.agent.telemetry.otel.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.GrpcResponse;
import io.opentelemetry.sdk.common.export.GrpcSender;
import io.opentelemetry.sdk.common.export.MessageWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * When a renewed sender closes its connection: at once when idle, after its last answer when exports are in flight;
 * and new exports go to a new one. The SDK's OkHttp sender against a real collector is TelemetryDemoIT's; here the
 * senders are stand-ins that keep each export's callbacks, so a test decides when the collector answers.
 */
class RenewableGrpcSenderTest {

    /** A sender whose exports wait until the test answers them. */
    private static final class HeldSender implements GrpcSender {
        final List<Consumer<GrpcResponse>> waiting = new ArrayList<>();
        boolean shutDown;

        @Override
        public void send(MessageWriter message, Consumer<GrpcResponse> onResponse, Consumer<Throwable> onError) {
            waiting.add(onResponse);
        }

        @Override
        public CompletableResultCode shutdown() {
            shutDown = true;
            return CompletableResultCode.ofSuccess();
        }

        void answerAll() {
            List<Consumer<GrpcResponse>> answering = new ArrayList<>(waiting);
            waiting.clear();
            answering.forEach(answer -> answer.accept(null));
        }
    }

    private final List<HeldSender> created = new ArrayList<>();
    private final RenewableGrpcSender sender = new RenewableGrpcSender(() -> {
        HeldSender next = new HeldSender();
        created.add(next);
        return next;
    });
    private final List<String> answered = new ArrayList<>();

    private void export(String name) {
        sender.send(null, response -> answered.add(name), failure -> answered.add(name + " failed"));
    }

    @Test
    void aSenderIsCreatedAtTheFirstExportAndClosedAtOnceWhenRenewedIdle() {
        assertTrue(sender.renew().isSuccess(), "nothing to close yet");
        assertEquals(0, created.size());
        export("spans");
        created.get(0).answerAll();
        CompletableResultCode closed = sender.renew();
        assertTrue(closed.isSuccess() && created.get(0).shutDown);
        export("after the restore");
        assertEquals(2, created.size(), "a new sender connects again");
        assertFalse(created.get(1).shutDown);
    }

    @Test
    void exportsInFlightAreAnsweredBeforeTheirSenderClosesAndNewOnesGoToTheNext() {
        export("spans");
        export("metrics");
        CompletableResultCode closed = sender.renew();
        assertFalse(closed.isDone(), "two exports in flight");
        assertFalse(created.get(0).shutDown);
        export("later");
        assertEquals(2, created.size(), "the next export goes to a new sender");

        created.get(0).answerAll();
        assertTrue(closed.isSuccess() && created.get(0).shutDown, "closed after its last answer");
        assertEquals(List.of("spans", "metrics"), answered, "nothing lost");
        assertFalse(created.get(1).shutDown);
    }

    @Test
    void betweenTheCheckpointsFlushAndTheRestoreAnExportClosesItsConnectionOnceAnswered() {
        GrpcConnections.track(sender);
        try {
            GrpcConnections.closeAll(1_000);
            export("a scheduled export");
            assertEquals(1, created.size());
            created.get(0).answerAll();
            assertTrue(created.get(0).shutDown, "closed once answered");
            GrpcConnections.keepAliveAgain();
            export("after the restore");
            created.get(1).answerAll();
            assertFalse(created.get(1).shutDown, "kept for the next export");
        } finally {
            GrpcConnections.keepAliveAgain();
        }
    }

    @Test
    void afterShutdownNoExportIsTaken() {
        export("spans");
        created.get(0).answerAll();
        sender.shutdown();
        export("too late");
        assertEquals(List.of("spans", "too late failed"), answered);
        assertEquals(1, created.size());
    }
}
