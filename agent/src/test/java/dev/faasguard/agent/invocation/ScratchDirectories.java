package dev.faasguard.agent.invocation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Directories of a test's own under /var/tmp (tests leave /tmp alone), removed with all they hold. */
final class ScratchDirectories {

    private ScratchDirectories() {}

    static Path create(String prefix) throws IOException {
        return Files.createTempDirectory(Path.of("/var/tmp"), prefix);
    }

    /** Deletes the directory and everything under it, links themselves rather than what they lead to. */
    static void delete(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
