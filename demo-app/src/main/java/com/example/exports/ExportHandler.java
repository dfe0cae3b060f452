package com.example.exports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code {"action": "export" | "scratch" | "archive", "together": n}}: an export writes the invocation's rows to
 * {@code /tmp/export-<request id>.csv} on a pool shared by every invocation, waits for it with the five seconds it
 * had on a server (longer than the function may run) and leaves the file there; a scratch
 * answer writes a file and deletes it; an archive waits for a worker thread with {@code Thread.join()} and no
 * timeout, and the worker never finishes. {@code together} invocations meet in the handler before they do it.
 */
public class ExportHandler implements RequestHandler<Map<String, Object>, String> {

    private static final ExecutorService WRITERS = Executors.newFixedThreadPool(2);

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        String id = context.getAwsRequestId();
        try {
            ExportJobs.await(((Number) event.getOrDefault("together", 1)).intValue());
            switch (String.valueOf(event.get("action"))) {
                case "export" -> {
                    Future<Path> written = WRITERS.submit(() -> writeExport(id));
                    return "exported " + written.get(5, TimeUnit.SECONDS); // demo: get
                }
                case "archive" -> {
                    Thread archiver = new Thread(ExportJobs::archiveForever, "archiver-" + id);
                    archiver.start();
                    archiver.join(); // demo: join
                    return "archived";
                }
                default -> {
                    return ExportJobs.scratch(id);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("export " + id + " failed", e);
        }
    }

    private static Path writeExport(String id) {
        try {
            return Files.write(Path.of("/tmp/export-" + id + ".csv"), // demo: export
                    ("id,amount\n" + id + ",42\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
