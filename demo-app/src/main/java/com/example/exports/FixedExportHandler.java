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
 * {@link ExportHandler} corrected: the export's file is read back into the answer and deleted once it is sent on,
 * and the archive is waited for only as long as the invocation has left, then given up with an answer.
 */
public class FixedExportHandler implements RequestHandler<Map<String, Object>, String> {

    private static final ExecutorService WRITERS = Executors.newFixedThreadPool(2);
    /** What the answer needs after the wait: the invocation ends this long before its deadline. */
    private static final long ANSWER_MILLIS = 500;

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        String id = context.getAwsRequestId();
        try {
            ExportJobs.await(((Number) event.getOrDefault("together", 1)).intValue());
            switch (String.valueOf(event.get("action"))) {
                case "export" -> {
                    Future<String> sent = WRITERS.submit(() -> writeAndSend(id));
                    return "exported " + sent.get(timeLeft(context), TimeUnit.MILLISECONDS);
                }
                case "archive" -> {
                    Thread archiver = new Thread(ExportJobs::archiveForever, "archiver-" + id);
                    archiver.setDaemon(true);
                    archiver.start();
                    archiver.join(timeLeft(context)); // demo: timed-join
                    if (!archiver.isAlive()) {
                        return "archived";
                    }
                    archiver.interrupt();
                    archiver.join(ANSWER_MILLIS / 2);
                    return "archive given up, retry later";
                }
                default -> {
                    return ExportJobs.scratch(id);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("export " + id + " failed", e);
        }
    }

    /** How long a wait may last: what the invocation has left, less the time the answer needs. */
    private static long timeLeft(Context context) {
        return Math.max(1, context.getRemainingTimeInMillis() - ANSWER_MILLIS);
    }

    private static String writeAndSend(String id) {
        Path file = Path.of("/tmp/export-" + id + ".csv");
        try {
            Files.write(file, ("id,amount\n" + id + ",42\n").getBytes(StandardCharsets.UTF_8));
            return Files.readString(file).lines().count() + " lines";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
