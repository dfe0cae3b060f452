package dev.faasguard.lambdasim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Lambda Runtime API (2018-06-01) for ONE execution environment, on 127.0.0.1 and an ephemeral port.
 * One server per environment means a dead JVM's long poll can never take the next environment's event.
 * Any number of {@code /next} long polls wait at once (one per runtime thread under {@code AWS_LAMBDA_MAX_CONCURRENCY}),
 * and {@code /restore/next} and {@code /restore/error} serve the SnapStart checkpoint protocol.
 */
final class RuntimeApiServer implements AutoCloseable {
    private static final String PREFIX = "/2018-06-01/runtime/";

    static {
        // The JDK server writes headers and body separately; with Nagle's algorithm on, the client's delayed ACK
        // adds ~40 ms to every request. Read once by the JDK, before its first server is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** What the runtime posted to {@code /init/error} or {@code /restore/error}. */
    record RuntimeError(byte[] body, String errorType) {
    }

    /** When the runtime asked {@code /restore/next}: its checkpoint hooks had run, the snapshot would be taken now. */
    record Checkpoint(long atNanos, Instant at) {
    }

    private final String functionArn;
    private final Duration snapshotAge;
    private final HttpServer server;
    private final ExecutorService executor;
    private final BlockingQueue<PendingInvocation> queue = new LinkedBlockingQueue<>();
    private final Map<String, PendingInvocation> byId = new ConcurrentHashMap<>();
    private final CompletableFuture<RuntimeError> initError = new CompletableFuture<>();
    private final CompletableFuture<RuntimeError> restoreError = new CompletableFuture<>();
    private final CompletableFuture<Checkpoint> checkpoint = new CompletableFuture<>();
    private final CompletableFuture<Long> restored = new CompletableFuture<>();
    private final CompletableFuture<Long> firstNext = new CompletableFuture<>();
    private final Map<Integer, Integer> connections = new ConcurrentHashMap<>();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final Object nextLock = new Object();
    private long nextCalls;
    private volatile long lastNextNanos;
    private volatile boolean closed;

    /** {@code functionArn} as the runtime receives it per event; {@code snapshotAge}: how long to hold a snapshot. */
    RuntimeApiServer(String functionArn, Duration snapshotAge) throws IOException {
        this.functionArn = functionArn;
        this.snapshotAge = snapshotAge;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "lambda-sim-runtime-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Queues an event for the runtime's next {@code GET /next}. */
    void submit(PendingInvocation invocation) {
        byId.put(invocation.requestId(), invocation);
        queue.add(invocation);
    }

    /** Takes a queued event back; false when a {@code /next} has already taken it. */
    boolean withdraw(PendingInvocation invocation) {
        boolean removed = queue.remove(invocation);
        if (removed) {
            byId.remove(invocation.requestId());
        }
        return removed;
    }

    /** {@link System#nanoTime()} of the runtime's first {@code GET /next}: from then on it takes events. */
    CompletableFuture<Long> firstNext() {
        return firstNext;
    }

    /** {@link System#nanoTime()} of the runtime's latest {@code GET /next}; only once {@link #firstNext()} is done. */
    long lastNextNanos() {
        return lastNextNanos;
    }

    /** How many times the runtime has called {@code GET /next} so far. */
    long nextCalls() {
        synchronized (nextLock) {
            return nextCalls;
        }
    }

    /**
     * Waits until the runtime has called {@code GET /next} more than {@code calls} times, at most {@code millis}:
     * the runtime asks for the next event once it has finished (and logged) the previous one.
     *
     * @return whether it has
     */
    boolean awaitNextCallAfter(long calls, long millis) {
        long until = System.nanoTime() + millis * 1_000_000L;
        synchronized (nextLock) {
            long left;
            while (nextCalls <= calls && (left = until - System.nanoTime()) > 0) {
                try {
                    nextLock.wait(Math.max(1, left / 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return nextCalls > calls;
        }
    }

    CompletableFuture<RuntimeError> initError() {
        return initError;
    }

    CompletableFuture<RuntimeError> restoreError() {
        return restoreError;
    }

    CompletableFuture<Checkpoint> checkpoint() {
        return checkpoint;
    }

    /** {@link System#nanoTime()} at which {@code /restore/next} was answered: the restore began. */
    CompletableFuture<Long> restored() {
        return restored;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (!path.startsWith(PREFIX)) {
                reply(exchange, 404, error("NotFound", "unknown path " + path));
                return;
            }
            String[] parts = path.substring(PREFIX.length()).split("/");
            if ("GET".equals(method) && parts.length == 2 && parts[0].equals("invocation") && parts[1].equals("next")) {
                next(exchange);
            } else if ("POST".equals(method) && parts.length == 3 && parts[0].equals("invocation")
                    && (parts[2].equals("response") || parts[2].equals("error"))) {
                answer(exchange, parts[1], parts[2].equals("response"));
            } else if ("POST".equals(method) && parts.length == 2 && parts[1].equals("error")
                    && (parts[0].equals("init") || parts[0].equals("restore"))) {
                RuntimeError error = new RuntimeError(readBody(exchange), errorType(exchange));
                (parts[0].equals("init") ? initError : restoreError).complete(error);
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else if ("GET".equals(method) && parts.length == 2 && parts[0].equals("restore") && parts[1].equals("next")) {
                restoreNext(exchange);
            } else {
                reply(exchange, 404, error("NotFound", method + " " + path));
            }
        }
    }

    /**
     * The runtime's checkpoint: its {@code beforeCheckpoint} hooks have run and it waits here to be restored. No JVM
     * snapshot is taken (that needs a CRaC JDK and Lambda's Firecracker): the request is held for the snapshot age,
     * then answered with 200, the only thing the client checks, and it runs its {@code afterRestore} hooks.
     */
    private void restoreNext(HttpExchange exchange) throws IOException {
        long at = System.nanoTime();
        checkpoint.complete(new Checkpoint(at, Instant.now()));
        try {
            Thread.sleep(snapshotAge.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // closing
        }
        restored.complete(System.nanoTime());
        exchange.sendResponseHeaders(200, -1);
    }

    /** Long poll: waits for an event, then sends it with every header the runtime interface client reads. */
    private void next(HttpExchange exchange) throws IOException {
        int connection = connections.computeIfAbsent(exchange.getRemoteAddress().getPort(),
                port -> connectionCount.incrementAndGet());
        long now = System.nanoTime();
        lastNextNanos = now;
        firstNext.complete(now);
        synchronized (nextLock) {
            nextCalls++;
            nextLock.notifyAll();
        }
        PendingInvocation inv = null;
        try {
            while (inv == null && !closed) {
                inv = queue.poll(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (inv == null) {
            reply(exchange, 500, error("ServiceException", "execution environment is shutting down"));
            return;
        }
        inv.markDelivered(connection);
        var h = exchange.getResponseHeaders();
        // Without a Content-Type the JNI client of aws-lambda-java-runtime-interface-client 2.9.0 crashes the JVM
        // (SIGSEGV: it makes a std::string of curl's null content type); without the request id its /next fails.
        h.set("Content-Type", "application/json");
        h.set("Lambda-Runtime-Aws-Request-Id", inv.requestId());
        h.set("Lambda-Runtime-Deadline-Ms", Long.toString(inv.deadlineEpochMillis()));
        h.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        h.set("Lambda-Runtime-Trace-Id", inv.traceHeader());
        // Empty values are what the client treats as "no client context / no identity" (Context returns null).
        h.set("Lambda-Runtime-Client-Context", "");
        h.set("Lambda-Runtime-Cognito-Identity", "");
        byte[] body = inv.event();
        exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void answer(HttpExchange exchange, String requestId, boolean success) throws IOException {
        byte[] body = readBody(exchange);
        PendingInvocation inv = byId.get(requestId);
        if (inv == null) {
            reply(exchange, 400, error("InvalidRequestID", "unknown request id " + requestId));
            return;
        }
        boolean first = success
                ? inv.answer(Outcome.SUCCESS, body, null)
                : inv.answer(Outcome.ERROR, body, errorType(exchange));
        if (first) {
            reply(exchange, 202, "{\"status\":\"OK\"}");
        } else {
            reply(exchange, 400, error("InvalidStateTransition", "request " + requestId + " was already answered"));
        }
    }

    private static String errorType(HttpExchange exchange) {
        String t = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        return t == null || t.isEmpty() ? "Unhandled" : t;
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    private static String error(String type, String message) {
        return Json.error(type, message);
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, b.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }
}
