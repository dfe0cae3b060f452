package com.example.telemetry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.grpc.Attributes;
import io.grpc.Server;
import io.grpc.ServerTransportFilter;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * A test OTLP collector on loopback: OTLP/HTTP ({@code /v1/traces}, {@code /v1/metrics}, protobuf) or
 * OTLP/gRPC, decoding what it receives with the protocol's own {@code io.opentelemetry.proto} classes.
 * It can also be slow ({@link #delay}) or refuse every export ({@link #fail}), as a real collector may.
 */
public final class OtlpReceiver implements AutoCloseable {

    private final List<ResourceSpans> spans = new CopyOnWriteArrayList<>();
    private final List<ResourceMetrics> metrics = new CopyOnWriteArrayList<>();
    private final List<String> connectionHeaders = new CopyOnWriteArrayList<>();
    private final List<String> grpcEvents = new CopyOnWriteArrayList<>();
    private final String endpoint;
    private final AutoCloseable server;
    private volatile Duration delay = Duration.ZERO;
    private volatile boolean failing;

    private OtlpReceiver(Transport transport) throws IOException {
        if (transport == Transport.HTTP) {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            http.createContext("/v1/traces", exchange -> receive(exchange, true));
            http.createContext("/v1/metrics", exchange -> receive(exchange, false));
            http.setExecutor(Executors.newCachedThreadPool());
            http.start();
            endpoint = "http://127.0.0.1:" + http.getAddress().getPort();
            server = () -> http.stop(0);
        } else {
            Server grpc = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .addService(new Traces()).addService(new Metrics()).addTransportFilter(new ConnectionEvents())
                    .build().start();
            endpoint = "http://127.0.0.1:" + grpc.getPort();
            server = () -> grpc.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    public enum Transport { HTTP, GRPC }

    public static OtlpReceiver start(Transport transport) throws IOException {
        return new OtlpReceiver(transport);
    }

    /** For {@code OTEL_EXPORTER_OTLP_ENDPOINT}. */
    public String endpoint() {
        return endpoint;
    }

    /** Every export waits this long before it is answered. */
    public void delay(Duration delay) {
        this.delay = delay;
    }

    /** Every export is refused: HTTP 503, gRPC UNAVAILABLE. */
    public void fail(boolean failing) {
        this.failing = failing;
    }

    public List<ResourceSpans> spans() {
        return List.copyOf(spans);
    }

    public List<ResourceMetrics> metrics() {
        return List.copyOf(metrics);
    }

    /**
     * What happened over OTLP/gRPC, in order: {@code open} and {@code closed} for each connection, {@code traces:}
     * and the names of the spans of each trace export, {@code metrics} for each metric export.
     */
    public List<String> grpcEvents() {
        return List.copyOf(grpcEvents);
    }

    /** The {@code Connection} header of each OTLP/HTTP export, in the order they came ("" when none). */
    public List<String> connectionHeaders() {
        return List.copyOf(connectionHeaders);
    }

    @Override
    public void close() throws Exception {
        server.close();
    }

    private void receive(HttpExchange exchange, boolean traces) throws IOException {
        try (exchange) {
            String connection = exchange.getRequestHeaders().getFirst("Connection");
            connectionHeaders.add(connection == null ? "" : connection.toLowerCase(java.util.Locale.ROOT));
            byte[] body;
            try (InputStream in = "gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            pause();
            if (failing) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            byte[] answer;
            if (traces) {
                spans.addAll(ExportTraceServiceRequest.parseFrom(body).getResourceSpansList());
                answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            } else {
                metrics.addAll(ExportMetricsServiceRequest.parseFrom(body).getResourceMetricsList());
                answer = ExportMetricsServiceResponse.getDefaultInstance().toByteArray();
            }
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    private void pause() {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Traces extends TraceServiceGrpc.TraceServiceImplBase {
        @Override
        public void export(ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> answer) {
            pause();
            if (failing) {
                answer.onError(Status.UNAVAILABLE.withDescription("collector refuses exports").asRuntimeException());
                return;
            }
            spans.addAll(request.getResourceSpansList());
            List<String> names = new ArrayList<>();
            request.getResourceSpansList().forEach(resource -> resource.getScopeSpansList()
                    .forEach(scope -> scope.getSpansList().forEach(span -> names.add(span.getName()))));
            grpcEvents.add("traces:" + String.join(",", names));
            answer.onNext(ExportTraceServiceResponse.getDefaultInstance());
            answer.onCompleted();
        }
    }

    private final class Metrics extends MetricsServiceGrpc.MetricsServiceImplBase {
        @Override
        public void export(ExportMetricsServiceRequest request, StreamObserver<ExportMetricsServiceResponse> answer) {
            pause();
            if (failing) {
                answer.onError(Status.UNAVAILABLE.withDescription("collector refuses exports").asRuntimeException());
                return;
            }
            metrics.addAll(request.getResourceMetricsList());
            grpcEvents.add("metrics");
            answer.onNext(ExportMetricsServiceResponse.getDefaultInstance());
            answer.onCompleted();
        }
    }

    /** The collector's side of each connection: when it is ready, when it is gone. */
    private final class ConnectionEvents extends ServerTransportFilter {
        @Override
        public Attributes transportReady(Attributes transport) {
            grpcEvents.add("open");
            return transport;
        }

        @Override
        public void transportTerminated(Attributes transport) {
            grpcEvents.add("closed");
        }
    }

    /** Every span received, with the resource it came with. */
    public List<ReceivedSpan> allSpans() {
        List<ReceivedSpan> all = new ArrayList<>();
        for (ResourceSpans resource : spans) {
            resource.getScopeSpansList().forEach(scope -> scope.getSpansList()
                    .forEach(span -> all.add(new ReceivedSpan(resource.getResource(), span))));
        }
        return all;
    }

    public record ReceivedSpan(io.opentelemetry.proto.resource.v1.Resource resource,
            io.opentelemetry.proto.trace.v1.Span span) {}
}
