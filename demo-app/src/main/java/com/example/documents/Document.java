package com.example.documents;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The document an invocation splits, as the event describes it:
 * {@code {"document": "contract.pdf", "pages": 3, "pageKiB": 2048}}. Stands in for the PDF the job fetched
 * from S3; each page is {@code pageKiB} KiB of bytes.
 */
public record Document(String name, int pages, int pageKiB) {

    public static final int DEFAULT_PAGE_KIB = 2048;

    /** The document in the event; throws on an event that does not describe one. */
    public static Document from(Map<String, Object> event) {
        String name = String.valueOf(event.getOrDefault("document", "document.pdf"));
        int pages = number(event, "pages", 1);
        int pageKiB = number(event, "pageKiB", DEFAULT_PAGE_KIB);
        if (pages < 1 || pageKiB < 1) {
            throw new IllegalArgumentException("not a document: " + pages + " pages of " + pageKiB + " KiB"); // demo: bad-document
        }
        return new Document(name, pages, pageKiB);
    }

    /** Page {@code number} (1-based): a PDF header, then filler. */
    public byte[] page(int number) {
        byte[] page = new byte[pageKiB * 1024];
        Arrays.fill(page, (byte) ('a' + number % 26));
        byte[] header = ("%PDF-1.7\n% " + name + " page " + number + " of " + pages + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, page, 0, Math.min(header.length, page.length));
        return page;
    }

    public String pageFileName(int number) {
        return String.format("page-%04d.pdf", number);
    }

    private static int number(Map<String, Object> event, String field, int otherwise) {
        Object value = event.get(field);
        if (value == null) {
            return otherwise;
        }
        if (value instanceof Number number) {
            return number.intValue();
        }
        try {
            return Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " is not a number: " + value, e);
        }
    }
}
