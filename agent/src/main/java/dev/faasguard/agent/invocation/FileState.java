package dev.faasguard.agent.invocation;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;

/** What a path is on disk at one moment: absent, a directory (or other non-file), or a regular file of some size. */
record FileState(boolean exists, boolean regularFile, long size) {

    static final FileState ABSENT = new FileState(false, false, 0);

    /**
     * Looks at the path: one {@code stat} when it is not there (java.io answers that without throwing, and most paths
     * looked at before a write are new), one more for the type and size of one that is.
     */
    static FileState of(String path) {
        File file = new File(path);
        if (!file.exists()) {
            return ABSENT;
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(file.toPath(), BasicFileAttributes.class);
            return attributes.isRegularFile()
                    ? new FileState(true, true, attributes.size())
                    : new FileState(true, false, 0);
        } catch (IOException | RuntimeException goneSince) {
            return ABSENT;
        }
    }

    /**
     * The space the file takes on a file system that allocates whole blocks (tmpfs: pages), as the file system's own
     * usage figures count it. Directories count as nothing: tmpfs gives them no blocks.
     */
    long allocated(long blockSize) {
        return regularFile ? (size + blockSize - 1) / blockSize * blockSize : 0;
    }
}
