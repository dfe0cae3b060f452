package com.example.documents;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A sales report: {@code {"period": "daily"}} or {@code {"period": "monthly"}}. The monthly one exports the
 * month from the archive on a worker thread and waits for it with {@code Thread.join()}, with no timeout. The
 * export takes far longer than the function may run, so the invocation hangs until the platform kills it,
 * and the log says only "Task timed out". {@link FixedStuckReportHandler} is its corrected twin.
 */
public class StuckReportHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final SalesArchive archive = new SalesArchive();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String period = String.valueOf(event.getOrDefault("period", "daily"));
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

    static Map<String, Object> report(String period, List<String> rows) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("statusCode", 200);
        response.put("period", period);
        response.put("rows", rows.size());
        return response;
    }
}
