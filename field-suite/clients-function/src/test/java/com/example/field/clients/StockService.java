package com.example.field.clients;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stock service the functions call: a JDK HTTP server on 127.0.0.1, answering
 * {@code GET /<mode>/stock/<sku>} with {@code {"sku","available","warehouse"}} after a short delay (so the client
 * really waits on its socket). Two modes:
 * <ul>
 *   <li>{@code /close}: each answer carries {@code Connection: close}, so every request opens a new connection
 *       (one connect and one socket per invocation: counts are exact);</li>
 *   <li>{@code /keepalive}: connections stay open and the clients pool them, as in production (idle pool threads
 *       after the response).</li>
 * </ul>
 */
final class StockService implements AutoCloseable {

    /** Units in stock per SKU; unknown SKUs have none. */
    static final Map<String, Integer> STOCK = Map.of("A-100", 7, "B-200", 0, "C-300", 42);
    private static final long DELAY_MS = 30;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "stock-service");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger requests = new AtomicInteger();

    StockService() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/close/stock/", exchange -> answer(exchange, true));
        server.createContext("/keepalive/stock/", exchange -> answer(exchange, false));
        server.setExecutor(executor);
        server.start();
    }

    /** The base URL a function is configured with ({@code STOCK_SERVICE_URL}). */
    String url(boolean closeEachConnection) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + (closeEachConnection ? "/close" : "/keepalive");
    }

    int requests() {
        return requests.get();
    }

    private void answer(HttpExchange exchange, boolean close) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            String sku = path.substring(path.lastIndexOf('/') + 1);
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            sleep();
            byte[] body = ("{\"sku\":\"" + sku + "\",\"available\":" + STOCK.getOrDefault(sku, 0)
                    + ",\"warehouse\":\"north\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (close) {
                exchange.getResponseHeaders().set("Connection", "close");
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void sleep() {
        try {
            TimeUnit.MILLISECONDS.sleep(DELAY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
