package dev.faasguard.agent.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** What the operating system says about a process the attach API does not list. */
final class JvmProcess {

    private JvmProcess() {}

    /** Its command line, as far as the system shows it. */
    static String describe(long pid) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        return process.isEmpty() ? "?" : process.get().info().commandLine().orElse("?");
    }

    /**
     * Whether the process runs a HotSpot JVM: its memory map holds libjvm.so (Linux). The attach API must
     * only be pointed at a JVM: when the JVM's attach listener is not up yet, it sends SIGQUIT, and on
     * JDK 17 it sends it to any process, which ends most programs that are not a JVM.
     */
    static boolean isJvm(long pid) {
        try (Stream<String> maps = Files.lines(Path.of("/proc", Long.toString(pid), "maps"))) {
            return maps.anyMatch(line -> line.endsWith("/libjvm.so"));
        } catch (IOException | UncheckedIOException unreadable) {
            // No /proc (not Linux), or the process belongs to another user: not one to attach to.
            return false;
        }
    }
}
