package dev.faasguard.bootstrap;

/** What the hooks of calls that may wait forever tell the agent. Called on the slow path only. */
public interface BlockingSink {

    /**
     * A call that may block with no timeout is starting on this thread.
     *
     * @param kind what kind of call it is: {@link Operations#JOIN}, {@link Operations#CONNECT}, {@link Operations#READ},
     *     {@link Operations#HTTP} or {@link Operations#WAIT}
     * @param operation what the application called, e.g. {@code Thread.join}
     * @param subject what it waits on: a thread name, {@code host:port}, a URL (not yet redacted)
     * @param missing for HTTP, the timeouts that are not set (comma-separated), else null
     * @param resource the socket or connection, for calls that report a resource once; else null
     * @return a positive id to hand to {@link #blockingCallEnded}, or 0 when the call is no finding
     */
    int blockingCallStarted(String kind, String operation, String subject, String missing, Object resource);

    /** The call behind {@code id} returned or threw. */
    void blockingCallEnded(int id);
}
