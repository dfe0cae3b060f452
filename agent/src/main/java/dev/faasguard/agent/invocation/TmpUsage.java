package dev.faasguard.agent.invocation;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * /tmp's usage figures from the file system itself (one statfs, whatever /tmp holds) when /tmp is a file system of
 * its own, as on Lambda; otherwise /tmp shares its figures with everything else on that file system and they say
 * nothing about /tmp. Looked up once, at the first invocation.
 */
final class TmpUsage {

    /** The block size assumed where the file system does not tell. */
    private static final long DEFAULT_BLOCK = 4096;

    private final FileStore ownStore;
    /** The size of /tmp's own file system, read once (Lambda's is fixed), or the configured capacity. */
    private final long capacity;
    private final long blockSize;

    private TmpUsage(FileStore ownStore, long capacity, long blockSize) {
        this.ownStore = ownStore;
        this.capacity = capacity;
        this.blockSize = blockSize;
    }

    /** @param configuredCapacity the capacity to assume when /tmp is not a file system of its own */
    static TmpUsage of(Path tmp, long configuredCapacity) {
        try {
            FileStore store = Files.getFileStore(tmp);
            if (!store.equals(Files.getFileStore(tmp.getRoot()))) {
                return new TmpUsage(store, store.getTotalSpace(), store.getBlockSize());
            }
        } catch (IOException | RuntimeException unavailable) {
            // no figures: counted by walking
        }
        return new TmpUsage(null, configuredCapacity, DEFAULT_BLOCK);
    }

    /** Whether {@link #usedBytes} can be read at any moment. */
    boolean exact() {
        return ownStore != null;
    }

    /** Bytes in use on /tmp's own file system (one statfs), or -1 when it has none or cannot tell. */
    long usedBytes() {
        if (ownStore == null) {
            return -1;
        }
        try {
            return capacity - ownStore.getUnallocatedSpace();
        } catch (IOException unavailable) {
            return -1;
        }
    }

    long capacityBytes() {
        return capacity;
    }

    long blockSize() {
        return blockSize;
    }
}
