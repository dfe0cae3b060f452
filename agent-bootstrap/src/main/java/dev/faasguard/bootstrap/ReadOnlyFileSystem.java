package dev.faasguard.bootstrap;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.FileSystemException;

/** The exceptions the JDK throws when the kernel answers EROFS, as on AWS Lambda; used in enforce mode. */
final class ReadOnlyFileSystem {

    static final String REASON = "Read-only file system";

    private ReadOnlyFileSystem() {}

    /** What {@code FileOutputStream} and {@code RandomAccessFile} throw. */
    static FileNotFoundException javaIo(String path) {
        return new FileNotFoundException(path + " (" + REASON + ")");
    }

    /** What {@code File.createNewFile} and {@code File.createTempFile} throw. */
    static IOException plain() {
        return new IOException(REASON);
    }

    /** What {@code java.nio.file.Files} throws. */
    static FileSystemException nio(String path, String otherPath) {
        return new FileSystemException(path, otherPath, REASON);
    }
}
