package com.example.documents;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stands in for the sales archive a report reads. Today's sales come straight back; a month has to be
 * exported first, and the archive takes 15 minutes to export one: longer than any Lambda function may run.
 */
public final class SalesArchive {

    public static final Duration MONTHLY_EXPORT = Duration.ofMinutes(15);
    private static final long POLL_MS = 100;

    public List<String> today() {
        return rows(24);
    }

    /** Requests the export and polls until it is ready. */
    public List<String> exportMonth() throws InterruptedException {
        long readyAt = System.nanoTime() + MONTHLY_EXPORT.toNanos();
        while (System.nanoTime() - readyAt < 0) {
            Thread.sleep(POLL_MS);
        }
        return rows(24 * 30);
    }

    private static List<String> rows(int count) {
        List<String> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add("sale-" + i);
        }
        return rows;
    }
}
