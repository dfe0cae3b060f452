package com.example.attach;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A service hammering the classes the agent rewrites when it is attached: {@code BusyApp <outside dir> <threads>}
 * starts that many threads writing files (in /tmp and outside it), starting and joining threads, in a loop; prints
 * {@code ready} once they run; at {@code stop} on stdin it stops them, prints {@code loops=<n>} and, if any thread
 * saw an exception, {@code FAILED} with it.
 */
public final class BusyApp {

    private static final AtomicBoolean RUNNING = new AtomicBoolean(true);
    private static final AtomicLong LOOPS = new AtomicLong();

    public static void main(String[] args) throws Exception {
        Path outside = Path.of(args[0]);
        Path inside = Files.createTempDirectory("busy-app-");
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int t = 0; t < Integer.parseInt(args[1]); t++) {
            Path mine = inside.resolve("scratch-" + t);
            Path theirs = outside.resolve("busy-" + t + ".txt");
            Thread worker = new Thread(() -> {
                try {
                    while (RUNNING.get()) {
                        loop(mine, theirs);
                        LOOPS.incrementAndGet();
                    }
                } catch (Throwable failure) {
                    synchronized (failures) {
                        failures.add(failure);
                    }
                }
            }, "busy-" + t);
            worker.start();
            workers.add(worker);
        }
        while (LOOPS.get() < 1000) {
            Thread.sleep(10);
        }
        System.out.println("ready");
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = stdin.readLine(); line != null && !line.equals("stop"); line = stdin.readLine()) {
            // Only "stop" ends it.
        }
        RUNNING.set(false);
        for (Thread worker : workers) {
            worker.join(30_000);
        }
        System.out.println("loops=" + LOOPS.get());
        for (Throwable failure : failures) {
            System.out.println("FAILED " + failure);
        }
    }

    private static void loop(Path mine, Path theirs) throws Exception {
        try (OutputStream out = new FileOutputStream(mine.toFile())) {
            out.write('x');
        }
        Files.delete(mine);
        try (OutputStream out = Files.newOutputStream(theirs)) { // @line busyWrite
            out.write('y');
        }
        Thread helper = new Thread(() -> { });
        helper.start();
        helper.join(10_000);
    }

    private BusyApp() {}
}
