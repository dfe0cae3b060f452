package dev.faasguard.agent.telemetry.otel.http;

import dev.faasguard.agent.telemetry.otel.OpenTelemetryJavaAgent;
import io.opentelemetry.exporter.sender.okhttp.internal.OkHttpHttpSenderProvider;
import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;

/**
 * The sender behind the agent's OTLP/HTTP exporters (the only {@link HttpSenderProvider} the agent's jar
 * registers; gRPC stays on OkHttp). It is the JDK's {@code HttpURLConnection} ({@link UrlConnectionSender}):
 * OkHttp and the Kotlin it needs cost a cold start about twice as many classes as the SDK's exporters
 * themselves. When the OpenTelemetry Java agent is in the JVM it is OkHttp after all, relocated: that agent
 * instruments the JDK's HTTP clients and would wrap every export of ours in a span of its own. The choice
 * is made at the first export, when every {@code -javaagent} has long been loaded.
 */
public final class OtlpHttpSenderProvider implements HttpSenderProvider {

    @Override
    public HttpSender createSender(HttpSenderConfig config) {
        return new ChosenAtFirstSend(() -> OpenTelemetryJavaAgent.present()
                ? new OkHttpHttpSenderProvider().createSender(config)
                : new UrlConnectionSender(config));
    }
}
