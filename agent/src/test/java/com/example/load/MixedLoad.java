package com.example.load;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code MixedLoad <outside dir> <threads> <seconds>}: that many threads doing, for that long, a mix of every kind of
 * call the agent watches, findings and not, from many lines: writes outside and inside /tmp, untimed and timed waits,
 * joins, pooled tasks, socket connects with and without a timeout. Counts what it did that must be a finding, by the
 * method (one line each) that did it, and prints the counts as {@code name=count} lines, then {@code heap=<bytes>}
 * (in use after a GC) and {@code done}. Any exception the agent lets reach it ends it with status 1.
 */
public final class MixedLoad {

    private static final Map<String, LongAdder> FINDINGS = new ConcurrentHashMap<>();
    private static final AtomicReference<Throwable> FAILURE = new AtomicReference<>();

    /** A completed future that says it is not done: each untimed get() is a wait the agent must judge. */
    static final class StubbornFuture extends CompletableFuture<String> {
        @Override
        public boolean isDone() {
            return false;
        }
    }

    private final Path outside;
    private final Path inside;
    private final InetSocketAddress server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final StubbornFuture stubborn = new StubbornFuture();

    private MixedLoad(Path outside, Path inside, InetSocketAddress server) {
        this.outside = outside;
        this.inside = inside;
        this.server = server;
        stubborn.complete("done");
    }

    public static void main(String[] args) throws Exception {
        Path outside = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[2]));
        Path inside = Files.createTempDirectory("mixed-load-");
        try (ServerSocket server = new ServerSocket(0, 4096)) {
            Thread acceptor = new Thread(() -> acceptForever(server), "acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
            MixedLoad load = new MixedLoad(outside, inside, new InetSocketAddress("127.0.0.1", server.getLocalPort()));
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                Thread worker = new Thread(() -> load.work(seed, start, until), "load-" + t);
                worker.start();
                workers.add(worker);
            }
            start.countDown();
            for (Thread worker : workers) {
                worker.join(TimeUnit.MINUTES.toMillis(2));
            }
            load.pool.shutdown();
        }
        if (FAILURE.get() != null) {
            FAILURE.get().printStackTrace();
            System.exit(1);
        }
        Map<String, Long> counts = new TreeMap<>();
        FINDINGS.forEach((name, count) -> counts.put(name, count.sum()));
        counts.forEach((name, count) -> System.out.println(name + "=" + count));
        System.gc();
        System.out.println("heap=" + (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()));
        System.out.println("done");
    }

    private void work(int seed, CountDownLatch start, long until) {
        try {
            start.await(1, TimeUnit.MINUTES);
            Path scratch = inside.resolve("scratch-" + seed);
            for (long i = seed; System.nanoTime() < until; i++) {
                step(i, scratch);
            }
        } catch (Throwable failure) {
            FAILURE.compareAndSet(null, failure);
        }
    }

    private void step(long i, Path scratch) throws Exception {
        switch ((int) (i % 12)) {
            case 0 -> writeOutsideA();
            case 1 -> writeOutsideB();
            case 2 -> writeOutsideC();
            case 3 -> newOutputStreamOutside();
            case 4, 5 -> writeInsideTmp(scratch);
            case 6 -> untimedGetA();
            case 7 -> untimedGetB();
            case 8 -> timedGet();
            case 9 -> pool.submit(() -> "pooled").get(10, TimeUnit.SECONDS);
            case 10 -> joinWithTimeout();
            default -> connect(i);
        }
    }

    private void writeOutsideA() throws IOException {
        try (OutputStream out = new FileOutputStream(outside.resolve("a.txt").toFile(), true)) { // @line writeOutsideA
            out.write('a');
        }
        found("writeOutsideA");
    }

    private void writeOutsideB() throws IOException {
        try (OutputStream out = new FileOutputStream(outside.resolve("b.txt").toFile(), true)) { // @line writeOutsideB
            out.write('b');
        }
        found("writeOutsideB");
    }

    private void writeOutsideC() throws IOException {
        try (OutputStream out = new FileOutputStream(outside.resolve("c.txt").toFile())) { // @line writeOutsideC
            out.write('c');
        }
        found("writeOutsideC");
    }

    private void newOutputStreamOutside() throws IOException {
        try (OutputStream out = Files.newOutputStream(outside.resolve("d.txt"))) { // @line newOutputStreamOutside
            out.write('d');
        }
        found("newOutputStreamOutside");
    }

    private static void writeInsideTmp(Path scratch) throws IOException {
        Files.write(scratch, new byte[16]);
        Files.delete(scratch);
    }

    private void untimedGetA() throws Exception {
        stubborn.get(); // @line untimedGetA
        found("untimedGetA");
    }

    private void untimedGetB() throws Exception {
        stubborn.get(); // @line untimedGetB
        found("untimedGetB");
    }

    private void timedGet() throws Exception {
        stubborn.get(1, TimeUnit.SECONDS);
    }

    private static void joinWithTimeout() throws InterruptedException {
        Thread helper = new Thread(() -> { });
        helper.start();
        helper.join(10_000);
    }

    /** One connect in twenty: without a timeout, a finding; the others with one. */
    private void connect(long i) throws IOException {
        if (i % 240 == 11) {
            try (Socket socket = new Socket(server.getAddress(), server.getPort())) { // @line connectNoTimeout
                found("connectNoTimeout");
            }
        } else if (i % 24 == 11) {
            try (Socket socket = new Socket()) {
                socket.connect(server, 5_000);
            }
        }
    }

    private static void found(String name) {
        FINDINGS.computeIfAbsent(name, key -> new LongAdder()).increment();
    }

    private static void acceptForever(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                server.accept().close();
            } catch (IOException closed) {
                return;
            }
        }
    }
}
