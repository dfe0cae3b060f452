package com.example.invocations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A function handler as another host (not the AWS runtime client) would call it: one call per invocation. */
public final class PageSplitter {

    private final Path work;

    public PageSplitter(Path work) {
        this.work = work;
    }

    /**
     * {@code leak:N}, {@code clean:N}, {@code throw}, {@code crash-worker}, {@code background},
     * {@code virtual-background}, {@code exit-from-worker}, {@code exit-in-shutdown-hook}, {@code halt}, {@code oom}.
     */
    public String handle(String event) throws Exception {
        String[] parts = event.split(":");
        switch (parts[0]) {
            case "leak" -> {
                writePages(Integer.parseInt(parts[1]));
                return "left pages";
            }
            case "clean" -> {
                Path[] pages = writePages(Integer.parseInt(parts[1]));
                for (Path page : pages) {
                    Files.delete(page);
                }
                return "cleaned";
            }
            case "throw" -> throw new IllegalStateException("cannot split: corrupt document"); // @line throw
            case "crash-worker" -> {
                Thread worker = new Thread(() -> {
                    throw new IllegalArgumentException("page 3 is empty"); // @line workerThrows
                }, "page-worker");
                worker.start(); // @line workerStart
                worker.join(5_000);
                return "worker done";
            }
            case "background" -> {
                Thread upload = new Thread(PageSplitter::slowUpload, "uploader");
                upload.start(); // @line uploadStart
                return "upload started";
            }
            case "virtual-background" -> {
                // Thread.ofVirtual() is JDK 21+; this test app compiles for 17.
                Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
                java.lang.reflect.Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
                start.invoke(builder, (Runnable) PageSplitter::slowUpload); // @line virtualStart
                return "virtual upload started";
            }
            case "exit-from-worker" -> {
                Thread quitter = new Thread(() -> System.exit(4), "quitter"); // @line exitFromWorker
                quitter.start();
                quitter.join(5_000);
                return "unreachable";
            }
            case "exit-in-shutdown-hook" -> {
                // The JDK blocks a System.exit made while the shutdown hooks run, for good: the JVM hangs at its end.
                Runtime.getRuntime().addShutdownHook(new Thread(() -> System.exit(6), "exiting-hook"));
                return "hook added";
            }
            case "halt" -> {
                Runtime.getRuntime().halt(5); // @line halt
                return "unreachable";
            }
            case "oom" -> {
                java.util.List<long[]> hoard = new java.util.ArrayList<>();
                while (true) {
                    hoard.add(new long[8 * 1024 * 1024]); // @line hoard
                }
            }
            default -> throw new IllegalArgumentException(event);
        }
    }

    private Path[] writePages(int count) throws IOException {
        Path[] pages = new Path[count];
        for (int i = 0; i < count; i++) {
            pages[i] = work.resolve("page-" + System.nanoTime() + "-" + i + ".pdf");
            Files.write(pages[i], new byte[64 * 1024]); // @line writePage
        }
        return pages;
    }

    private static void slowUpload() {
        try {
            Thread.sleep(1_500); // @line uploading
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
