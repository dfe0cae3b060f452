package com.example.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Stands in for the S3 bucket the pages go to: reads each page and takes as long as a 2 MiB/s link would
 * (4 pages of 1 MiB: 2 s).
 */
public final class FakeBucket {

    public static final long BYTES_PER_SECOND = 2L * 1024 * 1024;

    /** Uploads the pages one after the other; returns the bytes sent. */
    public long putAll(List<Path> pages) throws IOException, InterruptedException {
        long sent = 0;
        for (Path page : pages) {
            long bytes;
            try (InputStream in = Files.newInputStream(page)) {
                bytes = in.transferTo(OutputStream.nullOutputStream());
            }
            Thread.sleep(bytes * 1000 / BYTES_PER_SECOND); // the network
            sent += bytes;
        }
        return sent;
    }
}
