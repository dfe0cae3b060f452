package dev.faasguard.agent.telemetry.otel.http;

import io.opentelemetry.exporter.internal.RetryUtil;
import io.opentelemetry.sdk.common.export.Compressor;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.opentelemetry.sdk.common.export.ProxyOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.NoRouteToHostException;
import java.net.Proxy;
import java.net.SocketException;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

/** One OTLP/HTTP POST over {@code HttpURLConnection}, configured as the exporter's builder says. */
final class OtlpPost {

    /** Never the application's default {@link Authenticator}: a collector's 401 is an answer, not a prompt. */
    private static final Authenticator NO_CREDENTIALS = new Authenticator() {};

    private final HttpSenderConfig config;
    private final URI endpoint;
    private final URL url;
    private final int maxBodyBytes;

    OtlpPost(HttpSenderConfig config) {
        this.config = config;
        this.endpoint = config.getEndpoint();
        try {
            this.url = endpoint.toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not an HTTP endpoint: " + endpoint, e);
        }
        this.maxBodyBytes = (int) Math.min(config.getMaxResponseBodySize(), Integer.MAX_VALUE - 8);
    }

    /** A failure that sending again would not cure: the collector's answer could not be used. */
    static final class UnusableAnswerException extends IOException {
        UnusableAnswerException(String message) {
            super(message);
        }
    }

    /** The collector's answer. */
    record Answer(int getStatusCode, String getStatusMessage, byte[] getResponseBody, long retryAfterNanos)
            implements HttpResponse {}

    /**
     * True for a connection that broke after it was opened (reset, or closed before the answer): what a
     * pooled keep-alive connection the collector has since closed looks like. Not for a refused connection,
     * a timeout or a TLS failure, which a second try straight away would not change.
     */
    static boolean mayBeStaleConnection(IOException e) {
        return e instanceof SocketException && !(e instanceof ConnectException) && !(e instanceof NoRouteToHostException);
    }

    Answer send(MessageWriter message, long deadlineNanos) throws IOException {
        HttpURLConnection connection = open();
        boolean answered = false;
        try {
            prepare(connection, deadlineNanos);
            writeBody(connection, message);
            int status = connection.getResponseCode();
            String reason = connection.getResponseMessage();
            byte[] body = readBody(connection, status);
            long retryAfter = RetryUtil.retryAfterNanos(connection.getHeaderField("Retry-After")).orElse(-1);
            answered = true;
            return new Answer(status, reason == null ? "" : reason, body, retryAfter);
        } finally {
            if (!answered) {
                connection.disconnect();
            }
        }
    }

    private HttpURLConnection open() throws IOException {
        ProxyOptions proxy = config.getProxyOptions();
        HttpURLConnection connection = (HttpURLConnection) (proxy == null ? url.openConnection() : url.openConnection(proxyFor(proxy)));
        SSLContext tls = config.getSslContext();
        if (tls != null && connection instanceof HttpsURLConnection https) {
            https.setSSLSocketFactory(tls.getSocketFactory());
        }
        return connection;
    }

    private Proxy proxyFor(ProxyOptions proxy) {
        List<Proxy> proxies = proxy.getProxySelector().select(endpoint);
        return proxies == null || proxies.isEmpty() ? Proxy.NO_PROXY : proxies.get(0);
    }

    private void prepare(HttpURLConnection connection, long deadlineNanos) throws IOException {
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setUseCaches(false);
        connection.setInstanceFollowRedirects(false);
        connection.setAuthenticator(NO_CREDENTIALS);
        int remaining = remainingMillis(deadlineNanos);
        connection.setConnectTimeout(Math.min(remaining, (int) Math.min(config.getConnectTimeout().toMillis(), Integer.MAX_VALUE)));
        connection.setReadTimeout(remaining);
        connection.setRequestProperty("Content-Type", config.getContentType());
        if (ExportConnections.closeEach()) {
            connection.setRequestProperty("Connection", "close");
        }
        Map<String, List<String>> headers = config.getHeadersSupplier().get();
        if (headers != null) {
            headers.forEach((name, values) -> values.forEach(value -> connection.addRequestProperty(name, value)));
        }
    }

    private void writeBody(HttpURLConnection connection, MessageWriter message) throws IOException {
        Compressor compressor = config.getCompressor();
        if (compressor == null) {
            connection.setFixedLengthStreamingMode(message.getContentLength());
        } else {
            connection.setRequestProperty("Content-Encoding", compressor.getEncoding());
            connection.setChunkedStreamingMode(0);
        }
        try (OutputStream body = compressor == null ? connection.getOutputStream() : compressor.compress(connection.getOutputStream())) {
            message.writeMessage(body);
        }
    }

    /** Reads the answer's body whole, so the connection can be kept alive for the next export. */
    private byte[] readBody(HttpURLConnection connection, int status) throws IOException {
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            if (in == null) {
                return new byte[0];
            }
            byte[] body = in.readNBytes(maxBodyBytes);
            if (in.read() != -1) {
                throw new UnusableAnswerException("the collector's answer is larger than " + maxBodyBytes + " bytes");
            }
            return body;
        }
    }

    private static int remainingMillis(long deadlineNanos) {
        long millis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        return (int) Math.max(1, Math.min(millis, Integer.MAX_VALUE));
    }
}
