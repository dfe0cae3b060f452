package dev.faasguard.bootstrap;

/** What the file hooks tell the agent. Implemented in the agent's own class loader; called on the slow path only. */
public interface FileSink {

    /**
     * A file operation that may write outside the writable roots.
     *
     * @param operation one of the file operations of {@link Operations}
     * @param path the path as the application gave it (maybe relative)
     * @param otherPath the second path of a move, copy or rename, else {@code null}
     * @return {@code true} when the operation writes outside the writable roots
     */
    boolean fileWrite(String operation, String path, String otherPath);

    /** A JDBC driver of a file-backed embedded database is asked to connect to {@code url}. */
    void embeddedDatabaseOpening(String url);
}
