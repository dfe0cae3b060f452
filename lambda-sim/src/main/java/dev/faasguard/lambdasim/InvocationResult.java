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
 *                     (or to the failure); {@link Duration#ZERO} for a warm invocation
 * @param body         the response body ({@link Outcome#SUCCESS}) or the error JSON (every other outcome)
 * @param errorType    the {@code errorType} of the error JSON ({@code java.lang.IllegalStateException},
 *                     {@code Sandbox.Timedout}, {@code Runtime.ExitError}), else the runtime's
 *                     {@code Lambda-Runtime-Function-Error-Type} header; null on success
 * @param stdout       what the function process wrote to its standard output during this invocation
 *                     (a cold start's includes the initialization)
 * @param stderr       same for standard error
 * @param tmpDir       host path of the environment's {@code /tmp}: readable after the run until
 *                     {@link LambdaSim#close()}
 * @param pid          process id of the function JVM
 * @param traceHeader  the X-Ray trace header the runtime received ({@code Lambda-Runtime-Trace-Id})
 */
public record InvocationResult(int number, String requestId, boolean coldStart, int environment, Outcome outcome,
                               Duration duration, Duration initDuration, byte[] body, String errorType,
                               String stdout, String stderr, Path tmpDir, long pid, String traceHeader) {

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
}
