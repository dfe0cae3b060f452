package dev.faasguard.agent.telemetry.otel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OTLP over HTTPS to a collector with a certificate of its own (made by the JDK's keytool): trusted through
 * the SSL context the exporter builds from OTEL_EXPORTER_OTLP_CERTIFICATE, refused without it.
 */
class UrlConnectionSenderTlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path keys;

    private static KeyStore collectorKeys;

    private HttpsServer server;
    private UrlConnectionSender sender;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeAll
    static void collectorCertificate() throws Exception {
        Path store = keys.resolve("collector.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "collector", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertEquals(0, keytool.waitFor(), output);
        collectorKeys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            collectorKeys.load(in, PASSWORD);
        }
    }

    @BeforeEach
    void collector() throws Exception {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(collectorKeys, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        if (sender != null) {
            sender.shutdown();
        }
        server.stop(0);
    }

    @Test
    void theExportersSslContextIsTrusted() throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(collectorKeys);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, trust.getTrustManagers(), null);
        sender = new UrlConnectionSender(new UrlConnectionSenderTest.Config(endpoint()).tls(client));

        assertEquals(200, UrlConnectionSenderTest.send(sender).get(10, TimeUnit.SECONDS).getStatusCode());
        assertEquals(1, requests.get());
    }

    @Test
    void anUntrustedCollectorFailsTheExportOnceEvenWithRetries() throws Exception {
        RetryPolicy retry = RetryPolicy.builder().setMaxAttempts(5).setInitialBackoff(Duration.ofMillis(10)).build();
        sender = new UrlConnectionSender(new UrlConnectionSenderTest.Config(endpoint()).retry(retry));

        CompletableFuture<HttpResponse> result = UrlConnectionSenderTest.send(sender);
        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> result.get(10, TimeUnit.SECONDS));

        assertInstanceOf(SSLException.class, failure.getCause(), String.valueOf(failure.getCause()));
        assertTrue(requests.get() == 0, "no request reached the collector");
    }

    private URI endpoint() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces");
    }
}
