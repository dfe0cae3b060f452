package com.example.documents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Pulls the text out of a page for the search index. Scanned pages have no text layer: those need OCR. */
public final class TextExtractor {

    private static final String TEXT_LAYER = "BT ";

    private TextExtractor() {}

    public static String extract(Path page) {
        String content;
        try {
            byte[] head = new byte[256];
            int read;
            try (var in = Files.newInputStream(page)) {
                read = in.readNBytes(head, 0, head.length);
            }
            content = new String(head, 0, read, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int text = content.indexOf(TEXT_LAYER);
        if (text < 0) {
            throw new IllegalStateException(page.getFileName() + " has no text layer: it is a scan and needs OCR"); // demo: no-text-layer
        }
        return content.substring(text + TEXT_LAYER.length());
    }
}
