package com.example.writes;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.Writer;
import java.lang.reflect.Method;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.logging.FileHandler;

/**
 * Every JDK way to write a file, one per method, each on a line marked for the test. Run with a
 * directory: {@code WriteApis <dir>}; the test prepares {@code existing-*.txt} files in it. Prints
 * one line per method: its name and what happened.
 */
public final class WriteApis {

    /** Methods that write (they must fire outside /tmp). */
    public static final List<String> WRITES = List.of(
            "fileOutputStreamString", "fileOutputStreamStringAppend", "fileOutputStreamFile",
            "fileOutputStreamFileAppend", "fileWriter", "fileWriterAppend", "printWriter", "printStream",
            "randomAccessFile", "filesNewOutputStream", "filesWrite", "filesWriteLines", "filesWriteString",
            "filesNewBufferedWriter", "filesNewByteChannel", "fileChannelOpen", "filesCreateFile",
            "filesCreateDirectory", "filesCreateDirectories", "filesCreateTempFile", "filesCreateTempDirectory",
            "fileMkdir", "fileMkdirs", "fileCreateNewFile", "fileCreateTempFile", "fileRenameTo", "filesMove",
            "filesCopy", "fileDelete", "filesDelete", "filesDeleteIfExists", "fileHandler", "relativePath",
            "dotDotPath");

    /** Methods that must never fire: reads, devices, no-ops the kernel would not refuse. */
    public static final List<String> QUIET = List.of(
            "fileInputStream", "filesReadAllBytes", "randomAccessFileRead", "filesNewByteChannelRead",
            "devNull", "filesWriteDevNull", "mkdirExisting", "createDirectoriesExisting", "deleteMissing",
            "deleteIfExistsMissing");

    private static Path dir;

    public static void main(String[] args) throws Exception {
        dir = Path.of(args[0]);
        for (String name : args.length > 1 ? List.of(args).subList(1, args.length) : concat(WRITES, QUIET)) {
            Method method = WriteApis.class.getDeclaredMethod(name);
            try {
                System.out.println(name + ": " + method.invoke(null));
            } catch (java.lang.reflect.InvocationTargetException thrown) {
                System.out.println(name + ": " + thrown.getCause());
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static String at(String name) {
        return dir.resolve(name).toString();
    }

    // ---- writes -------------------------------------------------------------------------------

    static Object fileOutputStreamString() throws IOException {
        new FileOutputStream(at("fos-string.txt")).close(); // @line fileOutputStreamString
        return "ok";
    }

    static Object fileOutputStreamStringAppend() throws IOException {
        new FileOutputStream(at("fos-string-append.txt"), true).close(); // @line fileOutputStreamStringAppend
        return "ok";
    }

    static Object fileOutputStreamFile() throws IOException {
        new FileOutputStream(new File(at("fos-file.txt"))).close(); // @line fileOutputStreamFile
        return "ok";
    }

    static Object fileOutputStreamFileAppend() throws IOException {
        new FileOutputStream(new File(at("fos-file-append.txt")), true).close(); // @line fileOutputStreamFileAppend
        return "ok";
    }

    static Object fileWriter() throws IOException {
        new FileWriter(at("file-writer.txt")).close(); // @line fileWriter
        return "ok";
    }

    static Object fileWriterAppend() throws IOException {
        new FileWriter(new File(at("file-writer-append.txt")), StandardCharsets.UTF_8, true).close(); // @line fileWriterAppend
        return "ok";
    }

    static Object printWriter() throws IOException {
        new PrintWriter(at("print-writer.txt")).close(); // @line printWriter
        return "ok";
    }

    static Object printStream() throws IOException {
        new PrintStream(new File(at("print-stream.txt"))).close(); // @line printStream
        return "ok";
    }

    static Object randomAccessFile() throws IOException {
        new RandomAccessFile(at("random-access.bin"), "rw").close(); // @line randomAccessFile
        return "ok";
    }

    static Object filesNewOutputStream() throws IOException {
        Files.newOutputStream(dir.resolve("files-new-output-stream.txt")).close(); // @line filesNewOutputStream
        return "ok";
    }

    static Object filesWrite() throws IOException {
        Files.write(dir.resolve("files-write.bin"), new byte[] {1, 2, 3}); // @line filesWrite
        return "ok";
    }

    static Object filesWriteLines() throws IOException {
        Files.write(dir.resolve("files-write-lines.txt"), List.of("a", "b")); // @line filesWriteLines
        return "ok";
    }

    static Object filesWriteString() throws IOException {
        Files.writeString(dir.resolve("files-write-string.txt"), "hello"); // @line filesWriteString
        return "ok";
    }

    static Object filesNewBufferedWriter() throws IOException {
        try (Writer writer = Files.newBufferedWriter(dir.resolve("buffered-writer.txt"))) { // @line filesNewBufferedWriter
            writer.write("x");
        }
        return "ok";
    }

    static Object filesNewByteChannel() throws IOException {
        Files.newByteChannel(dir.resolve("byte-channel.bin"), StandardOpenOption.CREATE, StandardOpenOption.WRITE).close(); // @line filesNewByteChannel
        return "ok";
    }

    static Object fileChannelOpen() throws IOException {
        FileChannel.open(dir.resolve("file-channel.bin"), StandardOpenOption.CREATE, StandardOpenOption.APPEND).close(); // @line fileChannelOpen
        return "ok";
    }

    static Object filesCreateFile() throws IOException {
        return Files.createFile(dir.resolve("created-file.txt")); // @line filesCreateFile
    }

    static Object filesCreateDirectory() throws IOException {
        return Files.createDirectory(dir.resolve("created-directory")); // @line filesCreateDirectory
    }

    static Object filesCreateDirectories() throws IOException {
        return Files.createDirectories(dir.resolve("deep/er/still")); // @line filesCreateDirectories
    }

    static Object filesCreateTempFile() throws IOException {
        return Files.createTempFile(dir, "nio-temp", ".tmp"); // @line filesCreateTempFile
    }

    static Object filesCreateTempDirectory() throws IOException {
        return Files.createTempDirectory(dir, "nio-temp-dir"); // @line filesCreateTempDirectory
    }

    static Object fileMkdir() {
        return new File(at("mkdir")).mkdir(); // @line fileMkdir
    }

    static Object fileMkdirs() {
        return new File(at("mkdirs/a/b")).mkdirs(); // @line fileMkdirs
    }

    static Object fileCreateNewFile() throws IOException {
        return new File(at("create-new-file.txt")).createNewFile(); // @line fileCreateNewFile
    }

    static Object fileCreateTempFile() throws IOException {
        return File.createTempFile("io-temp", ".tmp", dir.toFile()); // @line fileCreateTempFile
    }

    static Object fileRenameTo() {
        return new File(at("existing-rename.txt")).renameTo(new File(at("renamed.txt"))); // @line fileRenameTo
    }

    static Object filesMove() throws IOException {
        return Files.move(dir.resolve("existing-move.txt"), dir.resolve("moved.txt")); // @line filesMove
    }

    static Object filesCopy() throws IOException {
        return Files.copy(dir.resolve("existing-copy.txt"), dir.resolve("copied.txt")); // @line filesCopy
    }

    static Object fileDelete() {
        return new File(at("existing-delete-1.txt")).delete(); // @line fileDelete
    }

    static Object filesDelete() throws IOException {
        Files.delete(dir.resolve("existing-delete-2.txt")); // @line filesDelete
        return "ok";
    }

    static Object filesDeleteIfExists() throws IOException {
        return Files.deleteIfExists(dir.resolve("existing-delete-3.txt")); // @line filesDeleteIfExists
    }

    static Object fileHandler() throws IOException {
        new FileHandler(at("jul.log")).close(); // @line fileHandler
        return "ok";
    }

    /** Resolved against the working directory, which the test sets to {@code dir}. */
    static Object relativePath() throws IOException {
        new FileOutputStream("relative.txt").close(); // @line relativePath
        return "ok";
    }

    static Object dotDotPath() throws IOException {
        new FileOutputStream("/tmp/../" + dir.getRoot().relativize(dir) + "/dot-dot.txt").close(); // @line dotDotPath
        return "ok";
    }

    // ---- quiet --------------------------------------------------------------------------------

    static Object fileInputStream() throws IOException {
        new FileInputStream(at("existing-read.txt")).close();
        return "ok";
    }

    static Object filesReadAllBytes() throws IOException {
        return Files.readAllBytes(dir.resolve("existing-read.txt")).length;
    }

    static Object randomAccessFileRead() throws IOException {
        new RandomAccessFile(at("existing-read.txt"), "r").close();
        return "ok";
    }

    static Object filesNewByteChannelRead() throws IOException {
        Files.newByteChannel(dir.resolve("existing-read.txt"), StandardOpenOption.READ).close();
        return "ok";
    }

    static Object devNull() throws IOException {
        try (FileOutputStream out = new FileOutputStream("/dev/null")) {
            out.write(1);
        }
        return "ok";
    }

    static Object filesWriteDevNull() throws IOException {
        Files.writeString(Path.of("/dev/null"), "x", StandardOpenOption.WRITE);
        return "ok";
    }

    static Object mkdirExisting() {
        return new File(at("existing-dir")).mkdir();
    }

    static Object createDirectoriesExisting() throws IOException {
        return Files.createDirectories(dir.resolve("existing-dir"));
    }

    static Object deleteMissing() {
        return new File(at("missing.txt")).delete();
    }

    static Object deleteIfExistsMissing() throws IOException {
        return Files.deleteIfExists(dir.resolve("missing.txt"));
    }

    /** Copies into the directory whatever the methods above expect to exist. */
    public static void prepare(Path directory) throws IOException {
        Files.createDirectories(directory.resolve("existing-dir"));
        for (String name : List.of("existing-rename.txt", "existing-move.txt", "existing-copy.txt",
                "existing-delete-1.txt", "existing-delete-2.txt", "existing-delete-3.txt", "existing-read.txt")) {
            Files.writeString(directory.resolve(name), name);
        }
    }

    /** Restores the prepared state with the destinations of the writes gone. */
    public static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private WriteApis() {}
}
