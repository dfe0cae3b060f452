package dev.faasguard.agent.report;

import java.io.File;
import java.io.IOException;

/**
 * This process's id, read once. On Linux {@code /proc/self} names it; {@code ProcessHandle.current()}, asked
 * only elsewhere, first sets up the JDK's process reaper (a thread pool and its lambdas, several milliseconds the
 * first time, which a hello world would pay at exit for its report).
 */
final class ProcessId {

    private static final long PID = read();

    private ProcessId() {}

    static long current() {
        return PID;
    }

    private static long read() {
        try {
            return Long.parseLong(new File("/proc/self").getCanonicalFile().getName());
        } catch (IOException | NumberFormatException notLinux) {
            return ProcessHandle.current().pid();
        }
    }
}
