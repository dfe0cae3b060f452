package dev.faasguard.agent.telemetry.otel.http;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.MessageWriter;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** A sender created when the first message is sent, not when the exporter is built. */
final class ChosenAtFirstSend implements HttpSender {

    private final Supplier<HttpSender> choice;
    private volatile HttpSender chosen;

    ChosenAtFirstSend(Supplier<HttpSender> choice) {
        this.choice = choice;
    }

    @Override
    public void send(MessageWriter message, Consumer<HttpResponse> onResponse, Consumer<Throwable> onError) {
        HttpSender sender;
        try {
            sender = sender();
        } catch (RuntimeException | LinkageError e) {
            onError.accept(e);
            return;
        }
        sender.send(message, onResponse, onError);
    }

    @Override
    public synchronized CompletableResultCode shutdown() {
        return chosen == null ? CompletableResultCode.ofSuccess() : chosen.shutdown();
    }

    private HttpSender sender() {
        HttpSender sender = chosen;
        if (sender == null) {
            synchronized (this) {
                if (chosen == null) {
                    chosen = choice.get();
                }
                sender = chosen;
            }
        }
        return sender;
    }
}
