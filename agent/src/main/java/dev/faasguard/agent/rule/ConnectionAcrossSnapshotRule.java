package dev.faasguard.agent.rule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code connection-across-snapshot}: a connection opened during a SnapStart function's init is still open when the
 * snapshot is taken. Each copy restored from it, minutes or days later, holds a connection the server has long
 * closed (or one its twins share): the first call on it fails or hangs.
 */
public final class ConnectionAcrossSnapshotRule implements Rule<ConnectionAcrossSnapshotRule.OpenAtCheckpoint> {

    public static final RuleDescription DESCRIPTION = new RuleDescription("connection-across-snapshot",
            Severity.WARNING,
            "A connection opened before the SnapStart snapshot is still open when it is taken: it is dead after the "
                    + "restore.",
            "Open the connection lazily, after the restore (in the handler), or close it in a CRaC beforeCheckpoint "
                    + "hook and open it again in afterRestore; a pool must drop and re-create its connections there.",
            List.of("the SnapStart checkpoint"));

    /**
     * @param connection what holds it: {@code Socket}, {@code SocketChannel}
     * @param remote {@code host:port}
     * @param usedAt the frame that first read or wrote it after the restore, as a stack trace prints it; null until
     *     then
     */
    public record OpenAtCheckpoint(String connection, String remote, String usedAt) {

        /** At the checkpoint: not used after a restore yet. */
        public OpenAtCheckpoint(String connection, String remote) {
            this(connection, remote, null);
        }

        public OpenAtCheckpoint usedAt(String frame) {
            return new OpenAtCheckpoint(connection, remote, frame);
        }
    }

    private final RuntimeApiAddress runtimeApi;

    /** @param runtimeApi the platform's Runtime API: the runtime client's own connection to it is the platform's */
    public ConnectionAcrossSnapshotRule(RuntimeApiAddress runtimeApi) {
        this.runtimeApi = runtimeApi;
    }

    @Override
    public RuleDescription description() {
        return DESCRIPTION;
    }

    @Override
    public Optional<Violation> evaluate(OpenAtCheckpoint open) {
        if (runtimeApi.matches(open.remote())) {
            return Optional.empty();
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("connection", open.connection());
        detail.put("remote", open.remote());
        String message = "A " + open.connection() + " connected to " + open.remote()
                + " during init is still open at the SnapStart checkpoint: every restored copy resumes with a "
                + "connection that is dead";
        if (open.usedAt() != null) {
            detail.put("usedAfterRestoreAt", open.usedAt());
            message += "; first used after the restore at " + open.usedAt();
        }
        return Optional.of(new Violation(DESCRIPTION, message, detail));
    }
}
