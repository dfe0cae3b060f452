package com.example.documents;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Splits a document into one file per page, indexes their text and uploads them: the code as it ran on a
 * server, where the disk was big, the process ran for weeks and nobody read stderr. On AWS Lambda:
 *
 * <ul>
 *   <li>the pages stay in {@code /tmp}, which Lambda keeps between warm invocations: each invocation leaves
 *       its document behind, until one fails with "No space left on device";
 *   <li>the text-extraction thread dies of an exception on scanned pages, and nobody sees it;
 *   <li>the handler returns while the upload thread still runs: Lambda freezes the environment as soon as
 *       the response is sent, and the upload stalls until some later invocation, if ever;
 *   <li>an event that is not a document makes the handler throw;
 *   <li>a document with too many pages ends the JVM, as the command-line splitter it came from did.
 * </ul>
 *
 * {@link FixedDocumentSplitHandler} is its corrected twin.
 */
public class DocumentSplitHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    static final int MAX_PAGES = 1000;
    private static final int EXIT_TOO_MANY_PAGES = 3;

    private final FakeBucket bucket = new FakeBucket();
    private final Map<String, String> searchIndex = new ConcurrentHashMap<>();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Document document = Document.from(event);
        if (document.pages() > MAX_PAGES) {
            System.err.println("split: " + document.name() + " has " + document.pages() + " pages, at most "
                    + MAX_PAGES + " are supported");
            System.exit(EXIT_TOO_MANY_PAGES); // demo: exit
        }

        List<Path> pages = new ArrayList<>();
        try {
            Path directory = Files.createDirectories(Path.of("/tmp", "pages-" + UUID.randomUUID()));
            for (int number = 1; number <= document.pages(); number++) {
                Path page = directory.resolve(document.pageFileName(number));
                Files.write(page, document.page(number)); // demo: page
                pages.add(page);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not split " + document.name() + ": " + e.getMessage(), e);
        }

        Thread indexer = new Thread(() -> {
            for (Path page : pages) {
                searchIndex.put(page.getFileName().toString(), TextExtractor.extract(page));
            }
        }, "extract-text");
        indexer.start(); // demo: indexer

        Thread uploader = new Thread(() -> {
            try {
                bucket.putAll(pages);
            } catch (IOException | InterruptedException e) {
                System.err.println("upload of " + document.name() + " failed: " + e);
            }
        }, "upload");
        uploader.start(); // demo: uploader

        Map<String, Object> response = new LinkedHashMap<>();
        response.put("document", document.name());
        response.put("pages", pages.size());
        response.put("status", "split, indexing and uploading");
        return response;
    }
}
