package dev.faasguard.agent.invocation;

import java.io.File;

/** What a path is on disk at one moment: absent, a directory (or other non-file), or a regular file of some size. */
record FileState(boolean exists, boolean regularFile, long size) {

    static final FileState ABSENT = new FileState(false, false, 0);

    /** Stats the path; java.io's calls, which answer without throwing for a path that is not there. */
    static FileState of(String path) {
        File file = new File(path);
        if (file.isFile()) {
            return new FileState(true, true, file.length());
        }
        return file.exists() ? new FileState(true, false, 0) : ABSENT;
    }

    /**
     * The space the file takes on a file system that allocates whole blocks (tmpfs: pages), as the file system's own
     * usage figures count it. Directories count as nothing: tmpfs gives them no blocks.
     */
    long allocated(long blockSize) {
        return regularFile ? (size + blockSize - 1) / blockSize * blockSize : 0;
    }
}
