package dev.faasguard.bench.jmh;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Calls that users make <em>with</em> a timeout, the calls FaaSGuard's blocking hooks must let through at no
 * measurable cost. Run once plain and once with {@code -javaagent:faasguard-agent.jar} (bench/timed-calls.sh) and
 * compare.
 *
 * <p>Every state checks, once per fork, that the agent is present exactly when the run says it should be
 * ({@code -Dbench.expectAgent=true|false}, see {@link AgentPresence}), so a mislabelled run fails instead
 * of producing a plausible table.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class TimedCallsBenchmark {

    static final int TIMEOUT_MILLIS = 1000;

    /** 1. {@code Thread.join(1000)} on a thread that finished during set-up. */
    @Benchmark
    public void threadJoinTimed(FinishedThread state) throws InterruptedException {
        state.thread.join(TIMEOUT_MILLIS);
    }

    /** 2. A fresh socket connected to a loopback server with a 1 s connect timeout, then closed (with a reset). */
    @Benchmark
    public boolean socketConnectTimed(LoopbackServer state) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setReuseAddress(true);
            // Close with a reset: no TIME_WAIT left behind, so the ephemeral ports never run out.
            socket.setSoLinger(true, 0);
            socket.connect(state.address, TIMEOUT_MILLIS);
            return socket.isConnected();
        }
    }

    /** 3. {@code CompletableFuture.get(1, SECONDS)} on a future completed during set-up. */
    @Benchmark
    public Object completableFutureGetTimed(CompletedFuture state)
            throws InterruptedException, ExecutionException, TimeoutException {
        return state.future.get(1, TimeUnit.SECONDS);
    }

    /** 4. An HttpURLConnection GET to a loopback HttpServer, both timeouts set, body read fully (keep-alive). */
    @Benchmark
    public int httpUrlConnectionGetTimed(LoopbackHttpServer state) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) state.url.openConnection(Proxy.NO_PROXY);
        connection.setConnectTimeout(TIMEOUT_MILLIS);
        connection.setReadTimeout(TIMEOUT_MILLIS);
        int total = 0;
        try (InputStream in = connection.getInputStream()) {
            for (int n = in.read(state.buffer); n >= 0; n = in.read(state.buffer)) {
                total += n;
            }
        }
        if (total != LoopbackHttpServer.BODY.length) {
            throw new IOException("expected a " + LoopbackHttpServer.BODY.length + "-byte body, read " + total);
        }
        return total;
    }

    // ---- states ---------------------------------------------------------------------------------------------

    @State(Scope.Benchmark)
    public static class FinishedThread {
        Thread thread;

        @Setup(Level.Trial)
        public void setUp() throws InterruptedException {
            AgentPresence.verify();
            thread = new Thread(() -> { }, "finished");
            thread.start();
            thread.join(10_000); // timed: an untimed join here would be reported by the agent
            if (thread.isAlive()) {
                throw new IllegalStateException("the thread should have finished");
            }
        }
    }

    @State(Scope.Benchmark)
    public static class CompletedFuture {
        CompletableFuture<String> future;

        @Setup(Level.Trial)
        public void setUp() {
            AgentPresence.verify();
            future = CompletableFuture.completedFuture("done");
        }
    }

    /** A loopback ServerSocket whose accept loop accepts each connection and closes it at once (FIN). */
    @State(Scope.Benchmark)
    public static class LoopbackServer {
        InetSocketAddress address;
        private ServerSocket server;
        private Thread acceptor;
        private final AtomicLong accepted = new AtomicLong();
        private final AtomicReference<IOException> failure = new AtomicReference<>();

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            AgentPresence.verify();
            InetAddress loopback = InetAddress.getLoopbackAddress();
            server = new ServerSocket();
            server.setReuseAddress(true);
            // A deep backlog: a full accept queue drops SYNs, and a retried SYN would hit the 1 s timeout.
            server.bind(new InetSocketAddress(loopback, 0), 4096);
            address = new InetSocketAddress(loopback, server.getLocalPort());
            acceptor = new Thread(this::acceptLoop, "loopback-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                // An ordinary close: a reset from this side could reach the client before its connect has
                // returned and fail it with "Connection reset". The client closes with a reset, so neither side
                // ends in TIME_WAIT.
                try {
                    Socket socket = server.accept();
                    accepted.incrementAndGet();
                    socket.close();
                } catch (IOException e) {
                    if (!server.isClosed()) {
                        failure.compareAndSet(null, e);
                    }
                }
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException, InterruptedException {
            server.close();
            acceptor.join(TIMEOUT_MILLIS);
            IOException e = failure.get();
            if (e != null) {
                throw new IOException("the loopback accept loop failed", e);
            }
            if (accepted.get() == 0) {
                throw new IllegalStateException("the loopback server accepted no connection");
            }
        }
    }

    /** The JDK's HttpServer on loopback answering every GET with a small fixed-length body. */
    @State(Scope.Benchmark)
    public static class LoopbackHttpServer {
        static final byte[] BODY = "hello from the loopback server\n".getBytes(StandardCharsets.US_ASCII);

        URL url;
        final byte[] buffer = new byte[256];
        private final AtomicLong requests = new AtomicLong();
        private final Set<InetSocketAddress> connections = ConcurrentHashMap.newKeySet();
        private HttpServer server;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            AgentPresence.verify();
            // Headers and body go out as two writes; without TCP_NODELAY, Nagle plus the client's delayed ACK can
            // stall each response for tens of milliseconds. Read once, when the first HttpServer is created.
            System.setProperty("sun.net.httpserver.nodelay", "true");
            InetAddress loopback = InetAddress.getLoopbackAddress();
            server = HttpServer.create(new InetSocketAddress(loopback, 0), 64);
            server.createContext("/hello", exchange -> {
                requests.incrementAndGet();
                connections.add(exchange.getRemoteAddress());
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    exchange.getResponseHeaders().set("Content-Type", "text/plain");
                    exchange.sendResponseHeaders(200, BODY.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(BODY);
                    }
                }
            });
            server.start();
            url = URI.create("http://" + loopback.getHostAddress() + ":" + server.getAddress().getPort() + "/hello")
                    .toURL();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            server.stop(0);
            // Keep-alive at work: many requests over few connections. Printed in JMH's log.
            System.out.println("loopback HTTP server: " + requests.get() + " requests over " + connections.size()
                    + " client connections");
        }
    }
}
