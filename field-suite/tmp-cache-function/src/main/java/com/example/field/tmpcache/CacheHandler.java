package com.example.field.tmpcache;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * Keeps a cache in /tmp, filled by the first invocation of an environment and reused by the warm ones, as functions
 * do with models, downloaded assets or package caches: {@code CACHE_FILES} files of {@code CACHE_FILE_KIB} KiB each,
 * and one file of {@code CACHE_BIG_MIB} MiB. Each invocation reads a cached file, works on it in a scratch file it
 * deletes, and answers with a checksum. The event's {@code mode} adds a mistake: {@code leak-java} leaves its output
 * in /tmp, {@code leak-tempfile} leaves a {@code File.createTempFile} file, {@code leak-subprocess} has a child process leave one, {@code leak-native} has SQLite's native code write
 * a database file and leaves it, {@code sqlite} uses an in-memory database (loading SQLite's native library, as a
 * cold start would), {@code append} grows a log it keeps open.
 */
public class CacheHandler implements RequestHandler<Map<String, Object>, String> {

    private static final Path CACHE = Path.of("/tmp/cache");
    private static final int FILES = intEnv("CACHE_FILES", 0);
    private static final int FILE_KIB = intEnv("CACHE_FILE_KIB", 1);
    private static final int BIG_MIB = intEnv("CACHE_BIG_MIB", 0);

    private OutputStream log;
    private int invocations;

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        try {
            if (invocations++ == 0) {
                fill();
            }
            long checksum = work();
            String mode = String.valueOf(event.getOrDefault("mode", "work"));
            switch (mode) {
                case "leak-java" -> Files.writeString(Path.of("/tmp/result-" + invocations + ".json"), // field: leak-java
                        "{\"checksum\":" + checksum + "}");
                case "leak-subprocess" -> subprocess("head -c 20000 /dev/zero > /tmp/export-" + invocations + ".csv");
                case "leak-tempfile" -> tempFile(checksum);
                case "leak-native" -> sqlite("jdbc:sqlite:/tmp/session-" + invocations + ".db", checksum);
                case "sqlite" -> sqlite("jdbc:sqlite::memory:", checksum);
                case "append" -> append("checksum " + checksum + "\n");
                case "work" -> { }
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            }
            return "{\"checksum\":" + checksum + "}";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cache, written once per environment. */
    private static void fill() throws IOException {
        Files.createDirectories(CACHE);
        byte[] block = new byte[FILE_KIB * 1024];
        for (int i = 0; i < FILES; i++) {
            Path file = CACHE.resolve(String.format("%02d/entry-%06d.bin", i % 100, i));
            Files.createDirectories(file.getParent());
            block[0] = (byte) i;
            Files.write(file, block);
        }
        if (BIG_MIB > 0) {
            byte[] mebibyte = new byte[1 << 20];
            try (OutputStream big = new FileOutputStream(CACHE.resolve("model.bin").toFile())) {
                for (int i = 0; i < BIG_MIB; i++) {
                    big.write(mebibyte);
                }
            }
        }
    }

    /** Reads a cached file (or the start of the model), checksums it through a scratch file, and removes that. */
    private long work() throws IOException {
        Path source = FILES > 0
                ? CACHE.resolve(String.format("%02d/entry-%06d.bin", invocations % 100, invocations % FILES))
                : null;
        byte[] data = source != null ? Files.readAllBytes(source) : readModelStart();
        Path scratch = Files.createTempFile(Path.of("/tmp"), "work-", ".bin");
        try {
            Files.write(scratch, data);
            CRC32 crc = new CRC32();
            crc.update(Files.readAllBytes(scratch));
            return crc.getValue();
        } finally {
            Files.delete(scratch);
        }
    }

    private static byte[] readModelStart() throws IOException {
        Path model = CACHE.resolve("model.bin");
        if (!Files.exists(model)) {
            return "no cache".getBytes(StandardCharsets.UTF_8);
        }
        try (InputStream in = Files.newInputStream(model)) {
            return in.readNBytes(64 * 1024);
        }
    }

    /** java.io's temporary file, in java.io.tmpdir (/tmp), written and never deleted. */
    private static void tempFile(long checksum) throws IOException {
        java.io.File file = java.io.File.createTempFile("receipt-", ".txt"); // field: leak-tempfile
        try (OutputStream out = new FileOutputStream(file)) {
            out.write(("checksum " + checksum).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void sqlite(String url, long checksum) throws IOException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("create table checksums (value integer)");
            statement.executeUpdate("insert into checksums values (" + checksum + ")");
        } catch (SQLException e) {
            throw new IOException("SQLite failed on " + url, e);
        }
    }

    private static void subprocess(String script) throws IOException {
        Process process = new ProcessBuilder("sh", "-c", script).inheritIO().start();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("the subprocess did not finish: " + script);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** A log opened once and kept open: it grows, but it is one file, not one more each invocation. */
    private void append(String line) throws IOException {
        if (log == null) {
            log = new FileOutputStream("/tmp/checksums.log", true);
        }
        log.write(line.getBytes(StandardCharsets.UTF_8));
        log.flush();
    }

    private static int intEnv(String name, int otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : Integer.parseInt(value.trim());
    }
}
