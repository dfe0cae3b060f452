package dev.faasguard.agent.telemetry.otel.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.sdk.common.export.Compressor;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.opentelemetry.sdk.common.export.ProxyOptions;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OTLP/HTTP sender against real local servers: what a collector receives and what the exporter is told. */
class UrlConnectionSenderTest {

    private static final byte[] PAYLOAD = "an OTLP protobuf message".getBytes(StandardCharsets.UTF_8);

    private HttpServer server;
    private UrlConnectionSender sender;

    @AfterEach
    void stop() {
        if (sender != null) {
            sender.shutdown();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void postsTheMessageWithItsContentTypeAndHeaders() throws Exception {
        CompletableFuture<HttpExchange> received = new CompletableFuture<>();
        CompletableFuture<byte[]> body = new CompletableFuture<>();
        URI endpoint = serve(exchange -> {
            body.complete(exchange.getRequestBody().readAllBytes());
            received.complete(exchange);
            answer(exchange, 200, "ok".getBytes(StandardCharsets.UTF_8));
        });
        sender = new UrlConnectionSender(new Config(endpoint).headers(Map.of("Authorization", List.of("Bearer t0ken"))));

        HttpResponse response = send().get(5, TimeUnit.SECONDS);

        assertEquals(200, response.getStatusCode());
        assertArrayEquals("ok".getBytes(StandardCharsets.UTF_8), response.getResponseBody());
        HttpExchange exchange = received.get();
        assertEquals("POST", exchange.getRequestMethod());
        assertEquals("/v1/traces", exchange.getRequestURI().getPath());
        assertEquals("application/x-protobuf", exchange.getRequestHeaders().getFirst("Content-Type"));
        assertEquals("Bearer t0ken", exchange.getRequestHeaders().getFirst("Authorization"));
        assertArrayEquals(PAYLOAD, body.get());
    }

    @Test
    void compressesTheBodyWhenTheExporterAsks() throws Exception {
        CompletableFuture<String> encoding = new CompletableFuture<>();
        CompletableFuture<byte[]> body = new CompletableFuture<>();
        URI endpoint = serve(exchange -> {
            encoding.complete(exchange.getRequestHeaders().getFirst("Content-Encoding"));
            body.complete(new GZIPInputStream(exchange.getRequestBody()).readAllBytes());
            answer(exchange, 200, new byte[0]);
        });
        sender = new UrlConnectionSender(new Config(endpoint).compressor(new Gzip()));

        assertEquals(200, send().get(5, TimeUnit.SECONDS).getStatusCode());
        assertEquals("gzip", encoding.get());
        assertArrayEquals(PAYLOAD, body.get());
    }

    @Test
    void anErrorAnswerReachesTheExporterWithItsBody() throws Exception {
        URI endpoint = serve(exchange -> answer(exchange, 400, "bad span".getBytes(StandardCharsets.UTF_8)));
        sender = new UrlConnectionSender(new Config(endpoint));

        HttpResponse response = send().get(5, TimeUnit.SECONDS);

        assertEquals(400, response.getStatusCode());
        assertEquals("Bad Request", response.getStatusMessage());
        assertArrayEquals("bad span".getBytes(StandardCharsets.UTF_8), response.getResponseBody());
    }

    @Test
    void withoutARetryPolicyAnUnavailableCollectorIsAskedOnce() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        URI endpoint = serve(exchange -> {
            requests.incrementAndGet();
            answer(exchange, 503, new byte[0]);
        });
        sender = new UrlConnectionSender(new Config(endpoint));

        assertEquals(503, send().get(5, TimeUnit.SECONDS).getStatusCode());
        assertEquals(1, requests.get());
    }

    @Test
    void withARetryPolicyRetryableAnswersAreRetriedUntilOneSucceeds() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        URI endpoint = serve(exchange -> answer(exchange, requests.incrementAndGet() < 3 ? 503 : 200, new byte[0]));
        RetryPolicy retry = RetryPolicy.builder().setMaxAttempts(5).setInitialBackoff(Duration.ofMillis(10)).build();
        sender = new UrlConnectionSender(new Config(endpoint).retry(retry));

        assertEquals(200, send().get(5, TimeUnit.SECONDS).getStatusCode());
        assertEquals(3, requests.get());
    }

    @Test
    void retriesStopAtThePolicysLimit() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        URI endpoint = serve(exchange -> {
            requests.incrementAndGet();
            answer(exchange, 429, new byte[0]);
        });
        RetryPolicy retry = RetryPolicy.builder().setMaxAttempts(3).setInitialBackoff(Duration.ofMillis(10)).build();
        sender = new UrlConnectionSender(new Config(endpoint).retry(retry));

        assertEquals(429, send().get(5, TimeUnit.SECONDS).getStatusCode());
        assertEquals(3, requests.get());
    }

    @Test
    void aSlowCollectorFailsTheExportAtItsTimeout() throws Exception {
        URI endpoint = serve(exchange -> {
            sleep(3000);
            answer(exchange, 200, new byte[0]);
        });
        sender = new UrlConnectionSender(new Config(endpoint).timeout(Duration.ofMillis(300)));

        long start = System.nanoTime();
        Throwable failure = failure(send());
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertInstanceOf(SocketTimeoutException.class, failure);
        assertTrue(tookMs < 2000, "failed at the timeout, not when the collector answered: " + tookMs + " ms");
    }

    @Test
    void aTimeoutOfZeroIsNoLimit() throws Exception {
        URI endpoint = serve(exchange -> {
            sleep(200);
            answer(exchange, 200, new byte[0]);
        });
        // What the exporter's builder makes of OTEL_EXPORTER_OTLP_TIMEOUT=0.
        sender = new UrlConnectionSender(new Config(endpoint).timeout(Duration.ofNanos(Long.MAX_VALUE)));

        assertEquals(200, send().get(5, TimeUnit.SECONDS).getStatusCode());
    }

    @Test
    void aRefusedConnectionFailsTheExport() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        sender = new UrlConnectionSender(new Config(URI.create("http://127.0.0.1:" + closedPort + "/v1/traces")));

        assertInstanceOf(ConnectException.class, failure(send()));
    }

    /**
     * From the SnapStart checkpoint to the restore, each export closes its connection once answered: none of the
     * agent's is left in the JDK's keep-alive cache, so none is in the snapshot. Then connections are reused again.
     */
    @Test
    void fromTheCheckpointToTheRestoreNoConnectionIsKeptAlive() throws Exception {
        List<Integer> clientPorts = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        List<String> connectionHeaders = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        URI endpoint = serve(exchange -> {
            exchange.getRequestBody().readAllBytes();
            clientPorts.add(exchange.getRemoteAddress().getPort());
            connectionHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("Connection")));
            answer(exchange, 200, new byte[0]);
        });
        sender = new UrlConnectionSender(new Config(endpoint));
        try {
            ExportConnections.closeBeforeSnapshot();
            assertEquals(200, send().get(5, TimeUnit.SECONDS).getStatusCode());
            assertEquals(200, send().get(5, TimeUnit.SECONDS).getStatusCode());
            ExportConnections.keepAliveAgain();
            assertEquals(200, send().get(5, TimeUnit.SECONDS).getStatusCode());
            assertEquals(200, send().get(5, TimeUnit.SECONDS).getStatusCode());
        } finally {
            ExportConnections.keepAliveAgain();
        }
        assertEquals(List.of("close", "close"), connectionHeaders.subList(0, 2));
        assertTrue(!clientPorts.get(0).equals(clientPorts.get(1)), "the second export needed a new connection: "
                + clientPorts);
        assertEquals(clientPorts.get(2), clientPorts.get(3), "kept alive after the restore: " + clientPorts);
    }

    @Test
    void aKeptAliveConnectionTheCollectorDropsIsRetriedOnANewOne() throws Exception {
        try (ServerSocket collector = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = serveThenDrop(collector, "200 OK");
            sender = new UrlConnectionSender(new Config(URI.create("http://127.0.0.1:" + collector.getLocalPort() + "/v1/traces")));

            assertEquals(200, send().get(5, TimeUnit.SECONDS).getStatusCode());
            assertEquals(200, send().get(5, TimeUnit.SECONDS).getStatusCode());
            assertEquals(2, connections.get(), "the second export went out again on a new connection");
        }
    }

    @Test
    void theRetryOnANewConnectionIsNotOneOfThePolicysAttempts() throws Exception {
        try (ServerSocket collector = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = serveThenDrop(collector, "503 Service Unavailable");
            RetryPolicy retry = RetryPolicy.builder().setMaxAttempts(3).setInitialBackoff(Duration.ofMillis(10)).build();
            sender = new UrlConnectionSender(new Config(URI.create("http://127.0.0.1:" + collector.getLocalPort() + "/v1/traces"))
                    .retry(retry));

            assertEquals(200, send().get(5, TimeUnit.SECONDS).getStatusCode());
            assertEquals(503, send().get(5, TimeUnit.SECONDS).getStatusCode());
            assertEquals(1 + 3, connections.get(), "after the dropped connection, all three attempts the policy allows");
        }
    }

    /**
     * A collector that answers the first request, keeps the connection, then drops it on the next request
     * without an answer (what a frozen Lambda finds when it wakes up and reuses its pooled connection), and
     * answers every later request, each on a connection of its own, with {@code laterStatus}.
     *
     * @return the connections it accepted so far
     */
    private static AtomicInteger serveThenDrop(ServerSocket collector, String laterStatus) {
        AtomicInteger connections = new AtomicInteger();
        Thread thread = new Thread(() -> {
            try {
                Socket first = collector.accept();
                connections.incrementAndGet();
                readRequest(first.getInputStream());
                first.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                first.getOutputStream().flush();
                readRequest(first.getInputStream());
                first.close();
                while (true) {
                    try (Socket later = collector.accept()) {
                        connections.incrementAndGet();
                        readRequest(later.getInputStream());
                        later.getOutputStream().write(("HTTP/1.1 " + laterStatus + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                    }
                }
            } catch (IOException closed) {
                // the test is over (or the test's assertions tell what went wrong)
            }
        });
        thread.setDaemon(true);
        thread.start();
        return connections;
    }

    /** Reads one request: its head, then as many body bytes as its Content-Length says. */
    private static void readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in a request head");
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.US_ASCII).toLowerCase();
        int at = text.indexOf("content-length:");
        int length = Integer.parseInt(text.substring(at + 15, text.indexOf("\r\n", at)).trim());
        in.readNBytes(length);
    }

    private CompletableFuture<HttpResponse> send() {
        return send(sender);
    }

    static CompletableFuture<HttpResponse> send(UrlConnectionSender sender) {
        CompletableFuture<HttpResponse> result = new CompletableFuture<>();
        sender.send(new Payload(), result::complete, result::completeExceptionally);
        return result;
    }

    private static Throwable failure(CompletableFuture<HttpResponse> result) throws Exception {
        try {
            HttpResponse response = result.get(10, TimeUnit.SECONDS);
            throw new AssertionError("the export succeeded: HTTP " + response.getStatusCode());
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        }
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private URI serve(Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try {
                handler.handle(exchange);
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces");
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Payload implements MessageWriter {
        @Override
        public void writeMessage(OutputStream out) throws IOException {
            out.write(PAYLOAD);
        }

        @Override
        public int getContentLength() {
            return PAYLOAD.length;
        }
    }

    private static final class Gzip implements Compressor {
        @Override
        public String getEncoding() {
            return "gzip";
        }

        @Override
        public OutputStream compress(OutputStream out) throws IOException {
            return new GZIPOutputStream(out);
        }
    }

    /** What the SDK's exporter builder hands a sender, with the exporter's defaults. */
    static final class Config implements HttpSenderConfig {
        private final URI endpoint;
        private Map<String, List<String>> headers = Map.of();
        private Compressor compressor;
        private RetryPolicy retry;
        private Duration timeout = Duration.ofSeconds(10);
        private SSLContext tls;

        Config(URI endpoint) {
            this.endpoint = endpoint;
        }

        Config headers(Map<String, List<String>> headers) {
            this.headers = headers;
            return this;
        }

        Config compressor(Compressor compressor) {
            this.compressor = compressor;
            return this;
        }

        Config retry(RetryPolicy retry) {
            this.retry = retry;
            return this;
        }

        Config timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        Config tls(SSLContext tls) {
            this.tls = tls;
            return this;
        }

        @Override public URI getEndpoint() { return endpoint; }
        @Override public String getContentType() { return "application/x-protobuf"; }
        @Override public Compressor getCompressor() { return compressor; }
        @Override public Duration getTimeout() { return timeout; }
        @Override public Duration getConnectTimeout() { return Duration.ofSeconds(10); }
        @Override public Supplier<Map<String, List<String>>> getHeadersSupplier() { return () -> headers; }
        @Override public ProxyOptions getProxyOptions() { return null; }
        @Override public RetryPolicy getRetryPolicy() { return retry; }
        @Override public SSLContext getSslContext() { return tls; }
        @Override public X509TrustManager getTrustManager() { return null; }
        @Override public ExecutorService getExecutorService() { return null; }
    }
}
