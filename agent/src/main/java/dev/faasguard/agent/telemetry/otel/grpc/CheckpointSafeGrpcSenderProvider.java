package dev.faasguard.agent.telemetry.otel.grpc;

import io.opentelemetry.exporter.sender.okhttp.internal.OkHttpGrpcSenderProvider;
import io.opentelemetry.sdk.common.export.GrpcSender;
import io.opentelemetry.sdk.common.export.GrpcSenderConfig;
import io.opentelemetry.sdk.common.export.GrpcSenderProvider;

/**
 * The sender behind the agent's OTLP/gRPC exporters ({@code OTEL_EXPORTER_OTLP_PROTOCOL=grpc}; the only
 * {@link GrpcSenderProvider} the agent's jar registers): the SDK's OkHttp sender, which {@link GrpcConnections} can
 * make close its connection before a SnapStart snapshot and connect again after the restore.
 */
public final class CheckpointSafeGrpcSenderProvider implements GrpcSenderProvider {

    @Override
    public GrpcSender createSender(GrpcSenderConfig config) {
        return GrpcConnections.track(new RenewableGrpcSender(() -> new OkHttpGrpcSenderProvider().createSender(config)));
    }
}
