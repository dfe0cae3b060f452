package com.example.exports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the export handler and its twin do alike: meet in the handler ({@link #await}: returns once {@code n}
 * invocations have arrived, or after ten seconds, so that what each does overlaps with what the others do), answer
 * with a scratch file written and deleted, and archive for as long as nobody stops it.
 */
final class ExportJobs {

    private static final Object LOCK = new Object();
    private static int arrived;

    private ExportJobs() {}

    static void await(int n) throws InterruptedException {
        long until = System.currentTimeMillis() + 10_000;
        synchronized (LOCK) {
            arrived++;
            LOCK.notifyAll();
            for (long left; arrived < n && (left = until - System.currentTimeMillis()) > 0; ) {
                LOCK.wait(left);
            }
        }
    }

    static String scratch(String id) throws IOException {
        Path scratch = Files.writeString(Path.of("/tmp/scratch-" + id + ".txt"), "rows");
        Files.delete(scratch);
        return "scratch";
    }

    /** An archive that never finishes: it ends only when interrupted. */
    static void archiveForever() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
