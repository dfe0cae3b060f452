package com.example.blocking;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Every call that can wait forever, one per method, each on a line marked for the test; and the same
 * calls made correctly. {@code BlockingApis <runtime-api-port> [method...]}. Each waiting call waits
 * about {@link #WAIT_MS}, so the test can check how long it blocked.
 */
public final class BlockingApis {

    public static final long WAIT_MS = 300;

    public static final List<String> FIRES = List.of(
            "joinNoTimeout", "joinZero", "socketConstructor", "socketConnect", "socketConnectZero",
            "socketChannelOpen", "socketRead", "httpUrlConnection", "httpUrlConnectionNoReadTimeout",
            "httpClientSend", "httpClientSendNoRequestTimeout", "httpClientSendAsync", "futureTaskGet",
            "completableFutureGet", "completableFutureJoin", "latchAwait", "barrierAwait", "processWaitFor",
            "urlOpenStream", "executorInvokeAll");

    public static final List<String> QUIET = List.of(
            "joinWithTimeout", "joinFinished", "socketConnectWithTimeout", "socketReadWithTimeout",
            "httpUrlConnectionWithTimeouts", "httpClientWithTimeouts", "futureTaskGetDone",
            "completableFutureGetTimed", "completableFutureJoinDone", "latchAtZero", "barrierLastParty",
            "processWaitForExited", "socketChannelNonBlocking", "runtimeApiHttp", "runtimeApiSocket");

    private static ServerSocket listener;
    private static HttpServer http;
    private static HttpServer runtimeApi;

    public static void main(String[] args) throws Exception {
        listener = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(BlockingApis::serveSockets, "acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        http = slowHttpServer(0);
        runtimeApi = slowHttpServer(Integer.parseInt(args[0]));
        List<String> names = args.length > 1 ? List.of(args).subList(1, args.length)
                : Stream.concat(FIRES.stream(), QUIET.stream()).toList();
        for (String name : names) {
            try {
                System.out.println(name + ": " + BlockingApis.class.getDeclaredMethod(name).invoke(null));
            } catch (InvocationTargetException thrown) {
                System.out.println(name + ": " + thrown.getCause());
            }
        }
        http.stop(0);
        runtimeApi.stop(0);
        System.exit(0);
    }

    // ---- fires ----------------------------------------------------------------------------------

    static Object joinNoTimeout() throws Exception {
        Thread worker = sleeper();
        worker.join(); // @line joinNoTimeout
        return "joined";
    }

    static Object joinZero() throws Exception {
        Thread worker = sleeper();
        worker.join(0); // @line joinZero
        return "joined";
    }

    static Object socketConstructor() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", listener.getLocalPort())) { // @line socketConstructor
            return socket.isConnected();
        }
    }

    static Object socketConnect() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(listenerAddress()); // @line socketConnect
            return socket.isConnected();
        }
    }

    static Object socketConnectZero() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(listenerAddress(), 0); // @line socketConnectZero
            return socket.isConnected();
        }
    }

    static Object socketChannelOpen() throws Exception {
        try (SocketChannel channel = SocketChannel.open(listenerAddress())) { // @line socketChannelOpen
            return channel.isConnected();
        }
    }

    static Object socketRead() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(listenerAddress(), 1000);
            InputStream in = socket.getInputStream();
            return in.read(); // @line socketRead
        }
    }

    static Object httpUrlConnection() throws Exception {
        HttpURLConnection connection = (HttpURLConnection) url(http, "/slow?token=secret").openConnection();
        int status = connection.getResponseCode(); // @line httpUrlConnection
        try (InputStream body = connection.getInputStream()) {
            return status + " " + new String(body.readAllBytes());
        }
    }

    static Object httpUrlConnectionNoReadTimeout() throws Exception {
        HttpURLConnection connection = (HttpURLConnection) url(http, "/slow").openConnection();
        connection.setConnectTimeout(1000);
        try (InputStream body = connection.getInputStream()) { // @line httpUrlConnectionNoReadTimeout
            return new String(body.readAllBytes());
        }
    }

    static Object httpClientSend() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(uri(http, "/slow")).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString()).body(); // @line httpClientSend
    }

    static Object httpClientSendNoRequestTimeout() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(uri(http, "/slow")).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString()).body(); // @line httpClientSendNoRequestTimeout
    }

    static Object httpClientSendAsync() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(uri(http, "/slow")).build();
        CompletableFuture<HttpResponse<String>> response =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofString()); // @line httpClientSendAsync
        return response.get(5, TimeUnit.SECONDS).body();
    }

    static Object futureTaskGet() throws Exception {
        FutureTask<String> task = new FutureTask<>(() -> {
            Thread.sleep(WAIT_MS);
            return "done";
        });
        new Thread(task).start();
        return task.get(); // @line futureTaskGet
    }

    static Object completableFutureGet() throws Exception {
        return slowFuture().get(); // @line completableFutureGet
    }

    static Object completableFutureJoin() {
        return slowFuture().join(); // @line completableFutureJoin
    }

    static Object latchAwait() throws Exception {
        CountDownLatch latch = new CountDownLatch(1);
        after(latch::countDown);
        latch.await(); // @line latchAwait
        return latch.getCount();
    }

    static Object barrierAwait() throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(2);
        after(() -> awaitQuietly(barrier));
        return barrier.await(); // @line barrierAwait
    }

    static Object processWaitFor() throws Exception {
        Process process = new ProcessBuilder("sleep", String.valueOf(WAIT_MS / 1000.0)).start();
        return process.waitFor(); // @line processWaitFor
    }

    static Object urlOpenStream() throws Exception {
        try (InputStream body = url(http, "/slow").openStream()) { // @line urlOpenStream
            return new String(body.readAllBytes());
        }
    }

    static Object executorInvokeAll() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            return pool.invokeAll(List.of(() -> { // @line executorInvokeAll
                sleep(WAIT_MS);
                return "done";
            })).size();
        } finally {
            pool.shutdown();
        }
    }

    // ---- quiet ----------------------------------------------------------------------------------

    static Object joinWithTimeout() throws Exception {
        Thread worker = sleeper();
        worker.join(50);
        worker.join(Duration.ofSeconds(5).toMillis());
        return worker.isAlive();
    }

    static Object joinFinished() throws Exception {
        Thread worker = new Thread(() -> { });
        worker.start();
        while (worker.isAlive()) {
            Thread.onSpinWait();
        }
        worker.join();
        return "joined";
    }

    static Object socketConnectWithTimeout() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(listenerAddress(), 1000);
            return socket.isConnected();
        }
    }

    static Object socketReadWithTimeout() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(listenerAddress(), 1000);
            socket.setSoTimeout(2000);
            return socket.getInputStream().read();
        }
    }

    static Object httpUrlConnectionWithTimeouts() throws Exception {
        HttpURLConnection connection = (HttpURLConnection) url(http, "/slow").openConnection();
        connection.setConnectTimeout(1000);
        connection.setReadTimeout(5000);
        try (InputStream body = connection.getInputStream()) {
            return connection.getResponseCode() + " " + new String(body.readAllBytes());
        }
    }

    static Object httpClientWithTimeouts() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(uri(http, "/slow")).timeout(Duration.ofSeconds(5)).build();
        String body = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
        return body + " " + client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).get(5, TimeUnit.SECONDS).body();
    }

    static Object futureTaskGetDone() throws Exception {
        FutureTask<String> task = new FutureTask<>(() -> "done");
        task.run();
        return task.get();
    }

    static Object completableFutureGetTimed() throws Exception {
        return slowFuture().get(5, TimeUnit.SECONDS);
    }

    static Object completableFutureJoinDone() {
        return CompletableFuture.completedFuture("done").join();
    }

    static Object latchAtZero() throws Exception {
        CountDownLatch latch = new CountDownLatch(1);
        latch.countDown();
        latch.await();
        return latch.getCount();
    }

    static Object barrierLastParty() throws Exception {
        return new CyclicBarrier(1).await();
    }

    static Object processWaitForExited() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor(5, TimeUnit.SECONDS);
        return process.waitFor();
    }

    static Object socketChannelNonBlocking() throws Exception {
        try (SocketChannel channel = SocketChannel.open()) {
            channel.configureBlocking(false);
            channel.connect(listenerAddress());
            while (!channel.finishConnect()) {
                Thread.onSpinWait();
            }
            return channel.isConnected();
        }
    }

    /** The platform's own Runtime API (AWS_LAMBDA_RUNTIME_API) is meant to be long-polled. */
    static Object runtimeApiHttp() throws Exception {
        HttpURLConnection connection = (HttpURLConnection) url(runtimeApi, "/2018-06-01/runtime/invocation/next")
                .openConnection();
        try (InputStream body = connection.getInputStream()) {
            return new String(body.readAllBytes());
        }
    }

    static Object runtimeApiSocket() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", runtimeApi.getAddress().getPort())) {
            return socket.isConnected();
        }
    }

    // ---- the world these calls talk to -----------------------------------------------------------

    private static Thread sleeper() {
        Thread worker = new Thread(() -> sleep(WAIT_MS), "sleeper");
        worker.start();
        return worker;
    }

    private static CompletableFuture<String> slowFuture() {
        return CompletableFuture.supplyAsync(() -> {
            sleep(WAIT_MS);
            return "done";
        });
    }

    private static void after(Runnable action) {
        Thread later = new Thread(() -> {
            sleep(WAIT_MS);
            action.run();
        });
        later.start();
    }

    private static void awaitQuietly(CyclicBarrier barrier) {
        try {
            barrier.await(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Accepts connections; writes one byte to each after {@link #WAIT_MS}, so a read waits that long. */
    private static void serveSockets() {
        while (true) {
            try {
                Socket peer = listener.accept();
                Thread writer = new Thread(() -> {
                    sleep(WAIT_MS);
                    try (OutputStream out = peer.getOutputStream()) {
                        out.write(42);
                    } catch (IOException closed) {
                        // the client had what it needed
                    }
                });
                writer.setDaemon(true);
                writer.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static HttpServer slowHttpServer(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        server.createContext("/", exchange -> {
            sleep(WAIT_MS);
            byte[] body = "ok".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "http-server");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return server;
    }

    private static InetSocketAddress listenerAddress() {
        return new InetSocketAddress("127.0.0.1", listener.getLocalPort());
    }

    private static URL url(HttpServer server, String path) throws Exception {
        return uri(server, path).toURL();
    }

    private static URI uri(HttpServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private BlockingApis() {}
}
