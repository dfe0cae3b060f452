package com.example.documents;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A sales report: {@code {"period": "daily"}}, {@code "weekly"} or {@code "monthly"}. The monthly one exports the
 * month from the archive on a worker thread and waits for it with {@code Thread.join()}, with no timeout. The
 * export takes far longer than the function may run, so the invocation hangs until the platform kills it,
 * and the log says only "Task timed out". The weekly one waits for its export with the ten minutes it was
 * given on a server (longer than any invocation has) and has a shell script write the CSV into /tmp, where it
 * stays. {@link FixedStuckReportHandler} is its corrected twin.
 */
public class StuckReportHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final SalesArchive archive = new SalesArchive();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String period = String.valueOf(event.getOrDefault("period", "daily"));
        if ("weekly".equals(period)) {
            return weekly();
        }
        if (!"monthly".equals(period)) {
            return report(period, archive.today());
        }
        AtomicReference<List<String>> rows = new AtomicReference<>();
        Thread export = new Thread(() -> {
            try {
                rows.set(archive.exportMonth());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "monthly-export");
        export.start();
        try {
            export.join(); // demo: join
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the export", e);
        }
        return report(period, rows.get());
    }

    private Map<String, Object> weekly() {
        Thread export = new Thread(() -> { }, "weekly-export");
        export.start();
        try {
            export.join(TimeUnit.MINUTES.toMillis(10)); // demo: weekly-join
            Process csv = new ProcessBuilder("sh", "-c", "head -c 65536 /dev/zero > /tmp/weekly-$$.csv") // demo: weekly-csv
                    .start();
            csv.waitFor(1, TimeUnit.SECONDS);
        } catch (InterruptedException | java.io.IOException e) {
            throw new IllegalStateException("weekly export failed", e);
        }
        return report("weekly", archive.today());
    }

    static Map<String, Object> report(String period, List<String> rows) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("statusCode", 200);
        response.put("period", period);
        response.put("rows", rows.size());
        return response;
    }
}
