package com.example.telemetry;

import java.io.FileOutputStream;
import java.nio.file.Path;

/** Breaks two rules outside any invocation: a write outside /tmp a hundred times from one line, and a join. */
public final class TelemetryApp {

    public static void main(String[] args) throws Exception {
        Path outside = Path.of(args[0]);
        for (int i = 0; i < 100; i++) {
            new FileOutputStream(outside.resolve("out.txt").toFile()).close(); // @line write
        }
        Thread worker = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }, "worker");
        worker.start();
        worker.join(); // @line join
        System.out.println("done");
    }

    private TelemetryApp() {}
}
