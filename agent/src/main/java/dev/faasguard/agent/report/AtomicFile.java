package dev.faasguard.agent.report;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that a reader sees the old content or the new, never half of it. The temporary
 * file is named after this process (not Files.createTempFile, whose random names load the JDK's
 * whole SecureRandom machinery at exit).
 *
 * <p>A full file system is the very moment the report matters most (the invocation just failed with
 * "No space left on device"), so a small reserve file is kept next to the target: when a write runs
 * out of space, the reserve is given up and the write tried once more. The reserve is kept only while
 * invocations run (where /tmp fills up), and removed by the last write, at exit.
 *
 * <p>All through {@code java.io}, whose classes every JVM has loaded at start: the {@code java.nio.file}
 * channel a {@code Files.write} opens loads some forty classes more (and on JDK 25 the socket channel, which the
 * agent then instruments), time a hello world pays at exit.
 */
final class AtomicFile {

    /** Room for a report of a few hundred findings and a thousand invocations. */
    static final int RESERVE_BYTES = 256 * 1024;

    private AtomicFile() {}

    /** @param keepReserve true to keep (or make) the reserve after this write, false to remove it */
    static void write(Path target, String content, boolean keepReserve) throws IOException {
        File absolute = target.toAbsolutePath().toFile();
        File reserve = new File(absolute.getParentFile(), "." + absolute.getName() + ".reserve");
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        try {
            writeOnce(absolute, bytes);
        } catch (IOException full) {
            if (!reserve.delete()) {
                throw full;
            }
            writeOnce(absolute, bytes);
            return;
        }
        if (!keepReserve) {
            reserve.delete();
        } else if (!reserve.isFile() || Files.isSymbolicLink(reserve.toPath())) {
            try {
                writeNew(reserve, new byte[RESERVE_BYTES]);
            } catch (IOException noRoom) {
                reserve.delete();
            }
        }
    }

    private static void writeOnce(File target, byte[] content) throws IOException {
        File directory = target.getParentFile();
        File temporary = new File(directory, "." + target.getName() + "." + ProcessId.current() + ".tmp");
        boolean moved = false;
        try {
            try {
                writeNew(temporary, content);
            } catch (IOException noDirectoryYet) {
                // The first write, or someone emptied /tmp: the directory is made only when missing.
                if (directory.isDirectory() || !directory.mkdirs()) {
                    throw noDirectoryYet;
                }
                writeNew(temporary, content);
            }
            if (!temporary.renameTo(target)) {
                // rename(2) replaces the target atomically; where it cannot (Windows keeps an existing target), the
                // JDK's move does, non-atomically.
                Files.move(temporary.toPath(), target.toPath(), StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                temporary.delete();
            }
        }
    }

    /**
     * Writes a file of its own: whatever sits at the name (a temporary file left by a crash, or a link someone planted
     * to have the report overwrite another file) is removed, and the file is created exclusively, which never follows
     * a link, before it is opened.
     */
    private static void writeNew(File file, byte[] content) throws IOException {
        file.delete();
        if (!file.createNewFile()) {
            throw new IOException(file + " appeared while the report was being written; not written");
        }
        try (FileOutputStream out = new FileOutputStream(file)) {
            out.write(content);
        }
    }
}
