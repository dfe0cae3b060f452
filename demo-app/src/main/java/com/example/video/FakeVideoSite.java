package com.example.video;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The video site, on 127.0.0.1 and a free port: video metadata as JSON, the video, its thumbnail. Each
 * answer comes after a short delay, as from a real site, so the report shows how long each call waited.
 */
public final class FakeVideoSite implements AutoCloseable {

    public static final long METADATA_DELAY_MS = 150;
    public static final long VIDEO_DELAY_MS = 300;
    public static final long THUMBNAIL_DELAY_MS = 100;

    public static final Map<String, String> TITLES = Map.of(
            "dQw4w9WgXcQ", "Sunset over the harbour",
            "9bZkp7q19f0", "Making sourdough at home");

    private static final Pattern METADATA = Pattern.compile("/api/videos/([\\w-]+)");
    private static final Pattern VIDEO = Pattern.compile("/videos/([\\w-]+)\\.mp4");
    private static final Pattern THUMBNAIL = Pattern.compile("/thumbnails/([\\w-]+)\\.jpg");

    private final HttpServer server;

    private FakeVideoSite(HttpServer server) {
        this.server = server;
    }

    public static FakeVideoSite start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        FakeVideoSite site = new FakeVideoSite(server);
        server.createContext("/", site::serve);
        server.start();
        return site;
    }

    /** The site's base URL, {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Matcher metadata = METADATA.matcher(path);
            Matcher video = VIDEO.matcher(path);
            Matcher thumbnail = THUMBNAIL.matcher(path);
            if (metadata.matches() && TITLES.containsKey(metadata.group(1))) {
                String id = metadata.group(1);
                respond(exchange, METADATA_DELAY_MS, "application/json", ("{\"id\":\"" + id + "\",\"title\":\""
                        + TITLES.get(id) + "\",\"durationSeconds\":42}").getBytes(StandardCharsets.UTF_8));
            } else if (video.matches() && TITLES.containsKey(video.group(1))) {
                respond(exchange, VIDEO_DELAY_MS, "video/mp4", bytes(256 * 1024, 'v'));
            } else if (thumbnail.matches() && TITLES.containsKey(thumbnail.group(1))) {
                respond(exchange, THUMBNAIL_DELAY_MS, "image/jpeg", bytes(8 * 1024, 't'));
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private static void respond(HttpExchange exchange, long delayMs, String type, byte[] body) throws IOException {
        try {
            Thread.sleep(delayMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] bytes(int length, char fill) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) fill);
        return bytes;
    }
}
