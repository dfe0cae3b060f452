package dev.faasguard.bootstrap;

/**
 * What the agent plugs into {@link Hooks}. Implemented in the agent's own class loader; called
 * only on the slow path, with the calling thread marked as running agent code.
 */
public interface HookSink {

    /**
     * A file operation that may write outside the writable roots.
     *
     * @param operation one of the {@code Hooks.OP_*} names
     * @param path the path as the application gave it (maybe relative)
     * @param otherPath the second path of a move, copy or rename, else {@code null}
     * @return {@code true} when the operation writes outside the writable roots
     */
    boolean fileWrite(String operation, String path, String otherPath);

    /** A hook failed; the application carries on. */
    void hookFailed(String hook, Throwable failure);
}
