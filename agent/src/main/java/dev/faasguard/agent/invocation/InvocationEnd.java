package dev.faasguard.agent.invocation;

/**
 * An invocation as it ends: normally, with an error, at its deadline or with the process.
 *
 * @param outcome {@code success}, {@code error}, {@code timeout} or {@code crash}
 * @param failure what it failed with (for a timeout, where it was stuck), or null
 * @param tmpBytesAfter bytes used in /tmp at its end, or -1 when unknown
 */
public record InvocationEnd(String id, boolean coldStart, String outcome, long epochNanos, long durationNanos,
        Throwable failure, long tmpBytesBefore, long tmpBytesAfter, long tmpCapacityBytes) {

    public boolean failed() {
        return !"success".equals(outcome);
    }
}
