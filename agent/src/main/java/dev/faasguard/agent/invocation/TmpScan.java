package dev.faasguard.agent.invocation;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

/**
 * A walk of /tmp, bounded in entries and depth so that a /tmp with a million files costs a bounded time, and run
 * only off the caller's path: what files are there, how many bytes they hold, and which of them are new since a
 * moment (files made by subprocesses or native code, which no hook saw). Skips the agent's own report files and
 * their temporary and reserve siblings, and the JVMs' performance data ({@code hsperfdata_<user>}, one file per
 * running JVM: on a /tmp shared with other processes, any JVM started meanwhile would be new); follows no symbolic
 * link, but lists them (a write through one may land outside /tmp).
 */
final class TmpScan {

    static final int MAX_ENTRIES = 100_000;
    static final int MAX_DEPTH = 12;

    /**
     * @param index the files found, for the next walk to compare with (a walk cut short by its bounds knows fewer; a
     *     file it missed is still judged by its change time later, so it is never taken for a later invocation's)
     * @param fresh the files not in the previous index that changed since the moment given (empty without an index)
     * @param links the symbolic links found
     */
    record Scan(TmpIndex index, long bytes, List<Fresh> fresh, List<String> links) {}

    record Fresh(String path, long bytes) {}

    private TmpScan() {}

    /**
     * @param previous what was known before, or null: then nothing is fresh
     * @param sinceMillis files that changed (modification or inode change time) from this moment on may be fresh
     */
    static Scan walk(Path root, List<Path> reports, TmpIndex previous, long sinceMillis) {
        Visitor visitor = new Visitor(reports, previous, sinceMillis);
        try {
            Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), MAX_DEPTH, visitor);
        } catch (IOException | RuntimeException unreadable) {
            // what was read so far is what is known
        }
        return new Scan(new TmpIndex(Arrays.copyOf(visitor.hashes, visitor.count)), visitor.bytes, visitor.fresh,
                visitor.links);
    }

    private static final class Visitor extends SimpleFileVisitor<Path> {
        private final List<Path> reports;
        private final TmpIndex previous;
        private final long sinceMillis;
        private final List<Fresh> fresh = new ArrayList<>();
        private final List<String> links = new ArrayList<>();
        private long[] hashes = new long[1024];
        private int count;
        private long bytes;

        Visitor(List<Path> reports, TmpIndex previous, long sinceMillis) {
            this.reports = reports;
            this.previous = previous;
            this.sinceMillis = sinceMillis;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
            Path name = directory.getFileName();
            return name != null && name.toString().startsWith("hsperfdata_")
                    ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (count >= MAX_ENTRIES) {
                return FileVisitResult.TERMINATE;
            }
            if (attributes.isSymbolicLink()) {
                links.add(file.toString());
                return FileVisitResult.CONTINUE;
            }
            if (!attributes.isRegularFile() || isReport(file)) {
                return FileVisitResult.CONTINUE;
            }
            String path = file.toString();
            if (count == hashes.length) {
                hashes = Arrays.copyOf(hashes, count * 2);
            }
            hashes[count++] = TmpIndex.hash(path);
            bytes += attributes.size();
            if (previous != null && !previous.contains(path) && changedSince(file, attributes)) {
                fresh.add(new Fresh(path, attributes.size()));
            }
            return FileVisitResult.CONTINUE;
        }

        /**
         * The inode change time as well as the modification time: an archive unpacked with its files' old
         * modification times still changes their inodes now.
         */
        private boolean changedSince(Path file, BasicFileAttributes attributes) {
            if (attributes.lastModifiedTime().toMillis() >= sinceMillis) {
                return true;
            }
            try {
                Object changed = Files.getAttribute(file, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
                return changed instanceof FileTime time && time.toMillis() >= sinceMillis;
            } catch (IOException | RuntimeException unsupported) {
                return false;
            }
        }

        private boolean isReport(Path file) {
            for (Path report : reports) {
                if (file.getParent().equals(report.getParent())) {
                    String name = file.getFileName().toString();
                    String reportName = report.getFileName().toString();
                    if (name.equals(reportName) || name.startsWith("." + reportName + ".")) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException failure) {
            return FileVisitResult.CONTINUE;
        }
    }
}
