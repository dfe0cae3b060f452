package dev.faasguard.lambdasim;

/** Told about each invocation as soon as it ends, and about each new execution environment. */
public interface InvocationListener {

    default void environmentStarted(int environment, java.nio.file.Path tmpDir, long pid) {
    }

    void invocationFinished(InvocationResult result);
}
