package dev.faasguard.agent.invocation;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The regular files under /tmp and their sizes: a bounded walk (entries and depth), so a /tmp with a
 * million files costs a bounded time. Files made by subprocesses or native code show up here even
 * though no hook saw them. Skips the agent's own report files and their temporary and reserve siblings.
 */
final class TmpScan {

    static final int MAX_ENTRIES = 20_000;
    static final int MAX_DEPTH = 12;

    private TmpScan() {}

    /** Path to size in bytes; {@code complete} tells whether the bounds cut the walk short. */
    record Snapshot(Map<String, Long> files, long bytes, boolean complete) {}

    /** @param reports the agent's report files, left out with their temporary and reserve siblings */
    static Snapshot of(Path root, List<Path> reports) {
        Map<String, Long> files = new HashMap<>();
        long[] bytes = {0};
        boolean[] complete = {true};
        try {
            Files.walkFileTree(root, java.util.EnumSet.noneOf(java.nio.file.FileVisitOption.class), MAX_DEPTH,
                    new FileVisitor<Path>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                            if (files.size() >= MAX_ENTRIES) {
                                complete[0] = false;
                                return FileVisitResult.TERMINATE;
                            }
                            if (attributes.isRegularFile() && !isReport(file)) {
                                files.put(file.toString(), attributes.size());
                                bytes[0] += attributes.size();
                            }
                            return FileVisitResult.CONTINUE;
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

                        @Override
                        public FileVisitResult postVisitDirectory(Path dir, IOException failure) {
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException | RuntimeException unreadable) {
            complete[0] = false;
        }
        return new Snapshot(files, bytes[0], complete[0]);
    }
}
