package com.example.documents;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link StuckReportHandler}, corrected: it waits for the export only as long as the invocation has left,
 * minus a margin to answer in; then it stops the export and answers 504 in time, instead of being killed.
 */
public class FixedStuckReportHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    /** Time kept back to stop the export and answer. */
    static final long MARGIN_MS = 1000;
    private static final long STOP_MS = 200;

    private final SalesArchive archive = new SalesArchive();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String period = String.valueOf(event.getOrDefault("period", "daily"));
        if (!"monthly".equals(period)) {
            return StuckReportHandler.report(period, archive.today());
        }
        AtomicReference<List<String>> rows = new AtomicReference<>();
        Thread export = new Thread(() -> {
            try {
                rows.set(archive.exportMonth());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // stopped: give up quietly
            }
        }, "monthly-export");
        export.start();
        try {
            export.join(Math.max(1, context.getRemainingTimeInMillis() - MARGIN_MS)); // demo: timed-join
            if (export.isAlive()) {
                export.interrupt();
                export.join(STOP_MS);
                Map<String, Object> response = new LinkedHashMap<>();
                response.put("statusCode", 504);
                response.put("period", period);
                response.put("error", "the monthly export is not ready yet; try again later");
                return response;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            export.interrupt();
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("statusCode", 503);
            response.put("error", "interrupted");
            return response;
        }
        return StuckReportHandler.report(period, rows.get());
    }
}
