package dev.faasguard.agent.invocation;

/**
 * An invocation as it starts.
 *
 * @param restored whether it is the first invocation of a copy restored from a SnapStart snapshot
 * @param epochNanos when it started
 * @param functionArn the ARN it was invoked by, or null outside the AWS runtime client
 * @param xrayTraceHeader the X-Ray trace header of the invocation, or null
 * @param event the event's bytes, read only for its trace context and trigger (may be null)
 * @param loader the class loader of the code that runs the handler: tells whether it has OpenTelemetry of its own
 */
public record InvocationStart(String id, boolean coldStart, boolean restored, long epochNanos, String functionArn,
        String xrayTraceHeader, byte[] event, ClassLoader loader) {}
