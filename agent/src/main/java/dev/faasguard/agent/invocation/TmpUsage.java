package dev.faasguard.agent.invocation;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Bytes used on the file system that holds /tmp (a tmpfs of its own on Lambda): one statvfs call. */
public final class TmpUsage {

    private final Path tmp;

    public TmpUsage(Path tmp) {
        this.tmp = tmp;
    }

    /** @return bytes in use, or -1 when the file system cannot be asked */
    public long usedBytes() {
        try {
            FileStore store = Files.getFileStore(tmp);
            return store.getTotalSpace() - store.getUnallocatedSpace();
        } catch (IOException | RuntimeException unavailable) {
            return -1;
        }
    }
}
