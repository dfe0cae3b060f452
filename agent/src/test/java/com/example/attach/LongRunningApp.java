package com.example.attach;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A service that is already running when FaaSGuard is attached to it. {@code LongRunningApp <dir>}: it
 * prints {@code ready}, then handles one request per {@code go} line on stdin, and exits at {@code exit}
 * or at the end of stdin. A request saves its state in {@code dir} (outside /tmp) and waits for a
 * worker with no timeout.
 */
public final class LongRunningApp {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        // The JDK classes a request uses are loaded before any attach, as in a service that has run a while.
        Files.deleteIfExists(Files.createTempFile("long-running-app", ".tmp"));
        new Thread(LongRunningApp::work, "warm-up").start();
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready");
        for (String line = stdin.readLine(); line != null && !line.equals("exit"); line = stdin.readLine()) {
            handle(dir);
            System.out.println("handled");
        }
    }

    public static void handle(Path dir) throws Exception {
        Files.writeString(dir.resolve("state.json"), "{\"requests\": 1}"); // @line write
        Thread worker = new Thread(LongRunningApp::work, "worker");
        worker.start();
        worker.join(); // @line join
    }

    private static void work() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private LongRunningApp() {}
}
