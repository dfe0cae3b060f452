package dev.faasguard.agent;

import dev.faasguard.agent.finding.FindingStore;
import dev.faasguard.agent.invocation.ProcessEndListener;
import dev.faasguard.agent.support.AgentLog;
import dev.faasguard.agent.report.FailureTable;
import dev.faasguard.agent.rule.Severity;
import dev.faasguard.bootstrap.Hooks;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code failOn}: when the JVM exits with findings at or above the level, prints them as a table on
 * stderr and makes the JVM exit with {@link #FAILED_STATUS}, unless it already exits with a failing
 * status of its own. Runs last in the shutdown sequence ({@link LateShutdownHook}): after the agent's
 * exit hook has written the report and flushed the log, and after every application shutdown hook.
 */
final class FailOnGate implements Runnable, ProcessEndListener {

    /** The exit status of a run FaaSGuard failed: neither 1 (main threw) nor 2 (a usage error, for most tools). */
    static final int FAILED_STATUS = 3;
    /** The thread HotSpot shuts down on when the last non-daemon thread has ended. */
    private static final String DESTROY_JVM_THREAD = "DestroyJavaVM";
    /** The launcher's thread that runs main: when it dies of an exception, the launcher exits with 1. */
    private static final String MAIN_THREAD = "main";

    private final Severity level;
    private final FindingStore findings;
    private volatile Thread exitCaller;
    private volatile int exitStatus;
    private volatile boolean mainDied;

    private FailOnGate(Severity level, FindingStore findings) {
        this.level = level;
        this.findings = findings;
    }

    /**
     * The gate when {@code failOn} is set, listening to how the process ends; else, or when this JVM does not let
     * it run last (said once in the log), a listener that does nothing.
     */
    static ProcessEndListener install(Optional<Severity> level, FindingStore findings, Instrumentation instrumentation,
            AgentLog log) {
        if (level.isEmpty()) {
            return ProcessEndListener.NONE;
        }
        FailOnGate gate = new FailOnGate(level.get(), findings);
        try {
            LateShutdownHook.register(instrumentation, gate);
            return gate;
        } catch (ReflectiveOperationException | RuntimeException unsupported) {
            log.warn("failOn=" + level.get().id() + " cannot set the exit status in this JVM and is off: " + unsupported);
            return ProcessEndListener.NONE;
        }
    }

    /** {@code Runtime.exit(status)} is called on this thread, which then runs the shutdown sequence. */
    @Override
    public void exitCalled(int status) {
        exitStatus = status;
        exitCaller = Thread.currentThread();
    }

    @Override
    public void threadDied(Thread thread) {
        if (thread.getName().equals(MAIN_THREAD)) {
            mainDied = true;
        }
    }

    @Override
    public void run() {
        // Printing and halting here are the agent's own doing: no finding, and no runtime-exit.
        Hooks.markAgentThread();
        List<FindingStore.Counted> failing = new ArrayList<>();
        for (FindingStore.Counted counted : findings.snapshot()) {
            if (counted.first().rule().severity().atLeast(level)) {
                failing.add(counted);
            }
        }
        if (failing.isEmpty()) {
            return;
        }
        String what = (failing.size() == 1 ? "1 finding is" : failing.size() + " findings are") + " at or above "
                + level.id() + " (failOn=" + level.id() + ")";
        OptionalInt status = statusOfThisExit();
        String headline;
        if (status.isEmpty()) {
            headline = "[FaaSGuard] " + what + "; the JVM is stopped by a signal and keeps that exit status";
        } else if (status.getAsInt() != 0) {
            headline = "[FaaSGuard] " + what + "; the application's own exit status " + status.getAsInt() + " is kept";
        } else {
            headline = "[FaaSGuard] failed the run because " + what + ": exit status " + FAILED_STATUS;
        }
        printToProcessStderr(FailureTable.format(headline, failing));
        if (status.isPresent() && status.getAsInt() == 0) {
            // The only way to change the status once the shutdown has begun. Nothing is cut short: this is the
            // last shutdown hook, and the JVM would end with status 0 right after it.
            Runtime.getRuntime().halt(FAILED_STATUS);
        }
    }

    /**
     * Straight to file descriptor 2, not System.err: a test runner may have replaced System.err with a
     * capture it stops reading once its tests are done (Maven Surefire's forks do), and the table must
     * reach the build's console.
     */
    private static void printToProcessStderr(String text) {
        try {
            FileOutputStream stderr = new FileOutputStream(FileDescriptor.err);
            stderr.write(text.getBytes(StandardCharsets.UTF_8));
            stderr.flush();
        } catch (IOException closed) {
            // Nowhere left to say it; the exit status still tells.
        }
    }

    /** The status the JVM is about to exit with; empty when a signal (Ctrl-C, SIGTERM) shuts it down. */
    private OptionalInt statusOfThisExit() {
        Thread current = Thread.currentThread();
        if (current == exitCaller) {
            return OptionalInt.of(exitStatus);
        }
        if (current.getName().equals(DESTROY_JVM_THREAD)) {
            return OptionalInt.of(mainDied ? 1 : 0);
        }
        return OptionalInt.empty();
    }
}
