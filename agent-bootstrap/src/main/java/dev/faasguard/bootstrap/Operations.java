package dev.faasguard.bootstrap;

/**
 * What the hooks tell the agent happened, named once: the file operations that may write, and the kinds of call
 * that may wait forever. They are facts, not verdicts: which rule judges them is the agent's business. The file
 * operations' names appear in the report as a finding's {@code detail.operation}.
 */
public final class Operations {

    public static final String OPEN_FOR_WRITE = "open-for-write";
    public static final String OPEN_FOR_APPEND = "open-for-append";
    public static final String CREATE_FILE = "create-file";
    public static final String CREATE_TEMP_FILE = "create-temp-file";
    public static final String CREATE_DIRECTORY = "create-directory";
    public static final String CREATE_DIRECTORIES = "create-directories";
    public static final String DELETE = "delete";
    public static final String RENAME = "rename";
    public static final String MOVE = "move";
    public static final String COPY = "copy";
    public static final String LOG_FILE = "open-log-file";

    /** {@code Thread.join} on a live thread with no timeout. */
    public static final String JOIN = "join";
    /** A socket connect with no timeout. */
    public static final String CONNECT = "connect";
    /** A socket read with SO_TIMEOUT 0. */
    public static final String READ = "read";
    /** An HTTP call with a connect, read or request timeout missing. */
    public static final String HTTP = "http";
    /** A future, latch, barrier or process waited for with no timeout. */
    public static final String WAIT = "wait";

    private Operations() {}

    /** Whether a file operation names a pattern (a temporary file's, a log file's) rather than the file it writes. */
    public static boolean namesPattern(String fileOperation) {
        return CREATE_TEMP_FILE.equals(fileOperation) || LOG_FILE.equals(fileOperation);
    }

    /**
     * Whether a file operation writes where a symbolic link as the path's last part leads (opening one opens its
     * target; creating, removing or renaming acts on the link itself).
     */
    public static boolean followsName(String fileOperation) {
        return OPEN_FOR_WRITE.equals(fileOperation) || OPEN_FOR_APPEND.equals(fileOperation);
    }

    /** Whether a file operation removes or replaces what its paths name (a directory may become a link after). */
    public static boolean removesOrReplaces(String fileOperation) {
        return DELETE.equals(fileOperation) || removesSource(fileOperation);
    }

    /** Whether a file operation takes its second path away (what /tmp's usage is balanced with). */
    public static boolean removesSource(String fileOperation) {
        return RENAME.equals(fileOperation) || MOVE.equals(fileOperation);
    }
}
