package com.example.writes;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code ConcurrentWrites <dir> <threads> <writesPerThread>}: every write from the same line. */
public final class ConcurrentWrites {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0], "shared.txt");
        int threads = Integer.parseInt(args[1]);
        int writes = Integer.parseInt(args[2]);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    start.await(60, TimeUnit.SECONDS);
                    for (int i = 0; i < writes; i++) {
                        write(file);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join(60_000);
        }
        System.out.println("done");
    }

    private static void write(Path file) throws IOException {
        try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) { // @line write
            out.write('x');
        }
    }

    private ConcurrentWrites() {}
}
