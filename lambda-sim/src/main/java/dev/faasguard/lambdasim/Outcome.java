package dev.faasguard.lambdasim;

/** How one invocation ended, in the terms AWS Lambda uses. */
public enum Outcome {
    /** The handler returned; the runtime posted {@code /response}. */
    SUCCESS,
    /** The handler threw; the runtime posted {@code /invocation/{id}/error}. The environment stays warm. */
    ERROR,
    /** The runtime could not initialize (handler class not found, exception in a constructor or static
     *  initializer) and posted {@code /init/error}. The next invocation is a cold start. */
    INIT_ERROR,
    /** The deadline passed; the function JVM was killed ({@code Sandbox.Timedout}). The next invocation is a cold start. */
    TIMEOUT,
    /** The function JVM exited while it owed a response ({@code Runtime.ExitError}). The next invocation is a cold start. */
    CRASH,
    /** SnapStart: an {@code afterRestore} hook failed; the runtime posted {@code /restore/error} and exited (Lambda
     *  answers the invoke with {@code SnapStartException}). The next invocation is a cold start. */
    RESTORE_ERROR,
    /** Concurrency mode: no runtime thread took the event, because none came back for one during the function
     *  timeout (all of them held by invocations that never ended). Lambda rejects such an invoke at once
     *  ({@code TooManyRequestsException}); the event was never delivered. The environment stays. */
    THROTTLED;

    /** Lower-case name as printed by the command line: {@code success}, {@code init_error}, ... */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
