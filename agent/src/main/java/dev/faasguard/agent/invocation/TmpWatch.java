package dev.faasguard.agent.invocation;

import dev.faasguard.agent.finding.StackCapture;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * /tmp across invocations: what each invocation leaves behind (and which line created it), how full
 * /tmp is, and how fast it grows. Capacity is the size of the /tmp file system when /tmp is a mount
 * of its own (as on Lambda), else the configured capacity.
 */
final class TmpWatch {

    /** Warm invocations the growth rate is averaged over. */
    private static final int RECENT = 10;

    record Leak(String path, long bytes, StackCapture.Capture creator) {}

    private final Path tmp;
    private final List<Path> reports;
    private final long configuredCapacity;
    private final Map<String, StackCapture.Capture> creators = new ConcurrentHashMap<>();
    private final Deque<Long> recentGrowth = new ArrayDeque<>();
    private TmpScan.Snapshot before;
    private long usageBefore = -1;
    private long usageAfter = -1;
    private long usageAfterFirst = -1;
    /** /tmp's own file store, or null when /tmp shares the root's; looked up once, at the first invocation. */
    private FileStore ownStore;
    private boolean ownStoreKnown;

    /** @param reports the agent's own report files, never counted */
    TmpWatch(Path tmp, List<Path> reports, long configuredCapacity) {
        this.tmp = tmp;
        this.reports = reports;
        this.configuredCapacity = configuredCapacity;
    }

    /** At an invocation's start: what /tmp holds before it runs (for the first, the baseline). */
    synchronized void invocationStarting() {
        creators.clear();
        before = TmpScan.of(tmp, reports);
        usageBefore = usedBytes(before);
    }

    /** The first line that wrote each /tmp path during this invocation. */
    void written(String path) {
        if (!creators.containsKey(path)) {
            creators.putIfAbsent(path, StackCapture.here());
        }
    }

    /** At an invocation's end: the files it created that are still there. */
    synchronized List<Leak> invocationEnded(boolean cold) {
        TmpScan.Snapshot after = TmpScan.of(tmp, reports);
        List<Leak> leaks = new ArrayList<>();
        if (before != null) {
            for (Map.Entry<String, Long> file : after.files().entrySet()) {
                if (!before.files().containsKey(file.getKey())) {
                    leaks.add(new Leak(file.getKey(), file.getValue(), creatorOf(file.getKey())));
                }
            }
        }
        long usage = usedBytes(after);
        usageAfter = usage;
        if (cold) {
            usageAfterFirst = usage;
        } else if (usageBefore >= 0) {
            recentGrowth.addLast(Math.max(0, usage - usageBefore));
            if (recentGrowth.size() > RECENT) {
                recentGrowth.removeFirst();
            }
        }
        before = null;
        return leaks;
    }

    /** The capture of the hook that wrote this file, or of its closest written parent directory. */
    private StackCapture.Capture creatorOf(String path) {
        for (String candidate = path; candidate != null; candidate = parent(candidate)) {
            StackCapture.Capture capture = creators.get(candidate);
            if (capture != null) {
                return capture;
            }
        }
        return null;
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? null : path.substring(0, slash);
    }

    /** Bytes in use when the running invocation started. */
    synchronized long usageAtStart() {
        return usageBefore;
    }

    /** Bytes in use when the last invocation ended. */
    synchronized long usageAtEnd() {
        return usageAfter;
    }

    synchronized long totalGrowthBytes() {
        return usageAfterFirst < 0 ? 0 : Math.max(0, usageAfter - usageAfterFirst);
    }

    /** Mean growth per warm invocation over the recent ones, 0 when unknown. */
    synchronized long growthPerInvocation() {
        if (recentGrowth.isEmpty()) {
            return 0;
        }
        long sum = 0;
        for (long growth : recentGrowth) {
            sum += growth;
        }
        return sum / recentGrowth.size();
    }

    long usedBytesNow() {
        return usedBytes(null);
    }

    long capacityBytes() {
        FileStore own = ownStore();
        if (own != null) {
            try {
                return own.getTotalSpace();
            } catch (IOException unavailable) {
                return configuredCapacity;
            }
        }
        return configuredCapacity;
    }

    private long usedBytes(TmpScan.Snapshot snapshot) {
        FileStore own = ownStore();
        if (own != null) {
            try {
                return own.getTotalSpace() - own.getUnallocatedSpace();
            } catch (IOException unavailable) {
                // fall back to counting files
            }
        }
        return (snapshot == null ? TmpScan.of(tmp, reports) : snapshot).bytes();
    }

    /** The file store of /tmp when it is a mount of its own, else null. */
    private synchronized FileStore ownStore() {
        if (!ownStoreKnown) {
            ownStoreKnown = true;
            try {
                FileStore store = Files.getFileStore(tmp);
                ownStore = store.equals(Files.getFileStore(tmp.getRoot())) ? null : store;
            } catch (IOException | RuntimeException unavailable) {
                ownStore = null;
            }
        }
        return ownStore;
    }
}
