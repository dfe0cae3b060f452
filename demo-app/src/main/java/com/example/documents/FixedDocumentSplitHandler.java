package com.example.documents;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * {@link DocumentSplitHandler}, corrected: the pages go to a directory of their own that is deleted before
 * the handler returns, whatever happens; text extraction and upload run on an {@link ExecutorService} and the
 * handler waits for both with {@code Future.get(timeout)}, the timeout taken from the time the invocation has
 * left, so an extraction error reaches the response and nothing runs after it; a bad event or a document
 * that is too big is an error response, not an exception or an exit.
 */
public class FixedDocumentSplitHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    /** Time kept back to delete the pages and answer once a wait has run out. */
    private static final long MARGIN_MS = 500;

    private final FakeBucket bucket = new FakeBucket();
    private final ExecutorService workers = Executors.newFixedThreadPool(2, new Named("document-worker"));

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Document document;
        try {
            document = Document.from(event);
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
        if (document.pages() > DocumentSplitHandler.MAX_PAGES) {
            return error(413, document.name() + " has " + document.pages() + " pages, at most "
                    + DocumentSplitHandler.MAX_PAGES + " are supported");
        }

        Path directory = null;
        Future<?> indexing = null;
        Future<Long> upload = null;
        try {
            directory = Files.createTempDirectory("pages-"); // demo: fixed-directory
            List<Path> pages = new ArrayList<>();
            for (int number = 1; number <= document.pages(); number++) {
                Path page = directory.resolve(document.pageFileName(number));
                Files.write(page, document.page(number)); // demo: fixed-page
                pages.add(page);
            }
            indexing = workers.submit(() -> pages.forEach(TextExtractor::extract));
            upload = workers.submit(() -> bucket.putAll(pages));

            String text;
            try {
                indexing.get(timeLeft(context), TimeUnit.MILLISECONDS); // demo: fixed-indexer
                text = "indexed";
            } catch (ExecutionException e) {
                text = "not indexed: " + e.getCause().getMessage();
            }
            long uploaded = upload.get(timeLeft(context), TimeUnit.MILLISECONDS); // demo: fixed-uploader

            Map<String, Object> response = new LinkedHashMap<>();
            response.put("statusCode", 200);
            response.put("document", document.name());
            response.put("pages", pages.size());
            response.put("uploadedBytes", uploaded);
            response.put("text", text);
            return response;
        } catch (TimeoutException e) {
            return error(504, "could not index and upload " + document.name() + " in time");
        } catch (ExecutionException e) {
            return error(502, "upload of " + document.name() + " failed: " + e.getCause());
        } catch (IOException e) {
            return error(507, "could not split " + document.name() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(503, "interrupted");
        } finally {
            cancel(indexing);
            cancel(upload);
            deleteQuietly(directory); // demo: fixed-cleanup
        }
    }

    private static long timeLeft(Context context) {
        return Math.max(1, context.getRemainingTimeInMillis() - MARGIN_MS);
    }

    private static void cancel(Future<?> work) {
        if (work != null) {
            work.cancel(true);
        }
    }

    private static Map<String, Object> error(int statusCode, String message) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("statusCode", statusCode);
        response.put("error", message);
        return response;
    }

    static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("could not delete " + directory + ": " + e);
        }
    }

    /** Daemon threads with a name, so a thread dump says what they are. */
    private static final class Named implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger count = new AtomicInteger();

        Named(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
