package dev.faasguard.agent.invocation;

import dev.faasguard.agent.finding.StackCapture;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The /tmp paths the hooks saw change during invocations, each put on the invocation whose thread first changed it
 * (several may run at once): what it was just before (one stat at that first change, none when the hook has just
 * seen nothing there) and the line that first wrote it. At the end they tell, without walking /tmp, which files the
 * invocation created and left, and how many bytes the hooks account for; with the files written in
 * earlier invocations that may still be growing (a log kept open), so that an appender is accounted for too.
 */
final class TmpChanges {

    /** Paths followed in one invocation; past it, the usage check cannot trust the balance and a walk decides. */
    static final int MAX_PATHS = 10_000;
    /** Files written in earlier invocations whose growth is still followed. */
    static final int RECENT_FILES = 32;

    /** The line that wrote a file, resolved from its stack the first time it is asked for. */
    static final class Creator {
        private final Throwable writtenAt;
        private StackCapture.Capture capture;

        Creator() {
            this.writtenAt = new WrittenAt();
        }

        synchronized StackCapture.Capture capture() {
            if (capture == null) {
                capture = StackCapture.of(writtenAt.getStackTrace());
            }
            return capture;
        }
    }

    /** What the end of an invocation learns: the files it left, and the bytes of allocation the hooks explain. */
    record Balance(List<TmpWatch.Leak> leaks, long explainedBytes, boolean complete) {}

    /**
     * @param writer where it was written, or null when the invocation only removed it: the JVM's raw backtrace,
     *     resolved to a call site only for a file left behind, so that an invocation writing thousands of files
     *     (a cache filled at a cold start) pays a few microseconds for each, not a stack walk
     */
    private record Seen(Creator writer, FileState before, Invocation owner) {}

    /** Where a /tmp path was written: a stack the JVM fills in without resolving it. */
    private static final class WrittenAt extends Throwable {
        WrittenAt() {
            super("written at", null, false, true);
        }
    }

    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final Map<String, FileState> recent = new LinkedHashMap<>(RECENT_FILES * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, FileState> eldest) {
            return size() > RECENT_FILES;
        }
    };
    private volatile boolean overflowed;

    /** Once an invocation is settled: what was seen for it is judged, and forgotten. */
    void forget(Invocation owner) {
        seen.values().removeIf(known -> known.owner() == owner);
        if (seen.isEmpty()) {
            overflowed = false;
        }
    }

    /** Called by the hook before the change: the state it records is the one before an invocation touched it. */
    void changing(Invocation owner, String path, boolean removing, boolean notThere) {
        Seen known = seen.get(path);
        if (known != null) {
            if (known.writer() == null && !removing && known.owner() == owner) {
                // Removed, then written again: the line that wrote it is what a leak is traced to.
                seen.replace(path, known, new Seen(new Creator(), known.before(), owner));
            }
            return;
        }
        if (seen.size() >= MAX_PATHS) {
            overflowed = true;
            return;
        }
        FileState before = notThere ? FileState.ABSENT : FileState.of(path);
        seen.putIfAbsent(path, new Seen(removing ? null : new Creator(), before, owner));
    }

    /** A call has just created this path (its entry could not name it): before it, there was nothing. */
    void created(Invocation owner, String path) {
        Seen known = seen.get(path);
        if (known != null && (known.writer() != null || known.owner() != owner)) {
            return;
        }
        if (known == null && seen.size() >= MAX_PATHS) {
            overflowed = true;
            return;
        }
        seen.put(path, new Seen(new Creator(), known == null ? FileState.ABSENT : known.before(), owner));
    }

    /** At an invocation's end: one stat per path seen for it. */
    synchronized Balance balance(Invocation owner, long blockSize) {
        List<TmpWatch.Leak> leaks = new ArrayList<>();
        long explained = 0;
        for (Map.Entry<String, Seen> entry : seen.entrySet()) {
            if (entry.getValue().owner() != owner) {
                continue;
            }
            String path = entry.getKey();
            FileState before = recent.containsKey(path) ? recent.remove(path) : entry.getValue().before();
            FileState now = FileState.of(path);
            explained += now.allocated(blockSize) - before.allocated(blockSize);
            if (now.regularFile()) {
                if (!entry.getValue().before().exists()) {
                    leaks.add(new TmpWatch.Leak(path, now.size(), creatorOf(path), owner));
                }
                recent.put(path, now);
            }
        }
        return new Balance(leaks, explained, !overflowed);
    }

    /**
     * What the files written in earlier invocations grew by since they were last looked at: asked only when the
     * paths seen this invocation do not explain /tmp's growth (when they do, those files did not grow either).
     */
    synchronized long recentGrowth(long blockSize) {
        long growth = 0;
        for (Iterator<Map.Entry<String, FileState>> files = recent.entrySet().iterator(); files.hasNext(); ) {
            Map.Entry<String, FileState> file = files.next();
            if (seen.containsKey(file.getKey())) {
                continue;
            }
            FileState now = FileState.of(file.getKey());
            growth += now.allocated(blockSize) - file.getValue().allocated(blockSize);
            if (now.regularFile()) {
                file.setValue(now);
            } else {
                files.remove();
            }
        }
        return growth;
    }

    /**
     * Whether a hook saw this path come into being during an invocation not yet forgotten (then the end of that
     * invocation has judged it). A path a hook saw only rewritten may still be new: something the hooks do not see
     * made it first.
     */
    boolean sawCreated(String path) {
        Seen known = seen.get(path);
        return known != null && !known.before().exists();
    }

    /** The line that wrote this path, or its closest written parent directory, in an invocation; else null. */
    Creator creatorOf(String path) {
        Seen written = writtenAt(path);
        return written == null ? null : written.writer();
    }

    /** The invocation that wrote this path or its closest written parent directory, or null. */
    Invocation writerOf(String path) {
        Seen written = writtenAt(path);
        return written == null ? null : written.owner();
    }

    private Seen writtenAt(String path) {
        for (String candidate = path; candidate != null; candidate = parent(candidate)) {
            Seen written = seen.get(candidate);
            if (written != null && written.writer() != null) {
                return written;
            }
        }
        return null;
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? null : path.substring(0, slash);
    }
}
