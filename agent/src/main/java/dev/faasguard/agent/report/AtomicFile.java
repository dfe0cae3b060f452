package dev.faasguard.agent.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
 */
final class AtomicFile {

    /** Room for a report of a few hundred findings and a thousand invocations. */
    static final int RESERVE_BYTES = 256 * 1024;

    private AtomicFile() {}

    /** @param keepReserve true to keep (or make) the reserve after this write, false to remove it */
    static void write(Path target, String content, boolean keepReserve) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path reserve = absolute.resolveSibling("." + absolute.getFileName() + ".reserve");
        try {
            writeOnce(absolute, content);
        } catch (IOException full) {
            if (!Files.deleteIfExists(reserve)) {
                throw full;
            }
            writeOnce(absolute, content);
            return;
        }
        if (!keepReserve) {
            Files.deleteIfExists(reserve);
        } else if (!Files.exists(reserve)) {
            try {
                Files.write(reserve, new byte[RESERVE_BYTES]);
            } catch (IOException noRoom) {
                Files.deleteIfExists(reserve);
            }
        }
    }

    private static void writeOnce(Path absolute, String content) throws IOException {
        Path temporary = absolute.resolveSibling("." + absolute.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        boolean moved = false;
        try {
            try {
                Files.writeString(temporary, content, StandardCharsets.UTF_8);
            } catch (NoSuchFileException noDirectoryYet) {
                // The first write, or someone emptied /tmp: the directory is made only when missing.
                Files.createDirectories(absolute.getParent());
                Files.writeString(temporary, content, StandardCharsets.UTF_8);
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException notOnThisFileSystem) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temporary);
            }
        }
    }
}
