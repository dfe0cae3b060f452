package dev.faasguard.lambdasim;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What one invocation did.
 *
 * @param number       1-based position in the run
 * @param requestId    the {@code Lambda-Runtime-Aws-Request-Id} the runtime received
 * @param coldStart    true when a new execution environment (a new JVM) was started for this invocation
 * @param environment  1-based number of the execution environment that served it
 * @param outcome      how it ended
 * @param duration     from the moment the runtime received the event to the end (for a timeout: the timeout);
 *                     when the runtime never received the event, from the moment it was queued
 * @param initDuration for a cold start, from starting the JVM to the runtime asking for its first event
 *                     (or to the failure); under SnapStart, to the runtime asking {@code /restore/next} (the
 *                     snapshot); {@link Duration#ZERO} for a warm invocation
 * @param body         the response body ({@link Outcome#SUCCESS}) or the error JSON (every other outcome)
 * @param errorType    the {@code errorType} of the error JSON ({@code java.lang.IllegalStateException},
 *                     {@code Sandbox.Timedout}, {@code Runtime.ExitError}), else the runtime's
 *                     {@code Lambda-Runtime-Function-Error-Type} header; null on success
 * @param stdout       what the function process wrote to its standard output during this invocation
 *                     (a cold start's includes the initialization; under {@code maxConcurrency}, what the one
 *                     process wrote while this invocation ran, the other invocations' output included)
 * @param stderr       same for standard error
 * @param tmpDir       host path of the environment's {@code /tmp}: readable after the run until
 *                     {@link LambdaSim#close()}
 * @param pid          process id of the function JVM
 * @param traceHeader  the X-Ray trace header the runtime received ({@code Lambda-Runtime-Trace-Id})
 * @param restore      SnapStart: the checkpoint and restore this invocation waited for (the first of its
 *                     environment), else null
 * @param runtimeConnection which Runtime API connection took the event, numbered from 1 per environment in order of
 *                     first use, 0 when the event was never delivered. Each runtime thread of the client polls
 *                     {@code /next} on a keep-alive connection of its own, so under {@code maxConcurrency} two
 *                     invocations with different numbers ran on different threads, and with the same number on the
 *                     same thread (a thread whose connection was closed while idle gets a new number)
 */
public record InvocationResult(int number, String requestId, boolean coldStart, int environment, Outcome outcome,
                               Duration duration, Duration initDuration, byte[] body, String errorType,
                               String stdout, String stderr, Path tmpDir, long pid, String traceHeader,
                               Restore restore, int runtimeConnection) {

    /** The body as UTF-8 text: the response on success, the error JSON otherwise. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The response body on success, empty otherwise. */
    public Optional<String> response() {
        return outcome == Outcome.SUCCESS ? Optional.of(bodyText()) : Optional.empty();
    }

    /** The error JSON ({@code errorMessage}, {@code errorType}, ...) when the invocation failed, empty on success. */
    public Optional<String> errorJson() {
        return outcome == Outcome.SUCCESS ? Optional.empty() : Optional.of(bodyText());
    }

    public boolean succeeded() {
        return outcome == Outcome.SUCCESS;
    }

    /** True for the first invocation after a SnapStart restore. */
    public boolean restored() {
        return restore != null;
    }
}
