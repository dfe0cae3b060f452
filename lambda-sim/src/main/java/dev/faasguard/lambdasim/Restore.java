package dev.faasguard.lambdasim;

import java.time.Duration;
import java.time.Instant;

/**
 * The SnapStart checkpoint and restore that came before an invocation (the first one of an environment started in
 * SnapStart mode). No JVM snapshot is taken: the runtime interface client runs its {@code beforeCheckpoint} hooks and
 * asks {@code /restore/next}; lambda-sim holds that request for the snapshot age, then answers, and the client runs
 * its {@code afterRestore} hooks and asks for its first event.
 *
 * @param snapshotTakenAt wall-clock time at which the runtime asked {@code /restore/next}, its hooks done
 * @param snapshotAge     real time lambda-sim held the snapshot before answering (the configured snapshot age):
 *                        BOTH of the function's clocks advanced by it, where on Lambda only the wall clock does
 * @param duration        from the answer to the runtime's first {@code /invocation/next} (the {@code afterRestore}
 *                        hooks), or to the failure when the restore failed
 */
public record Restore(Instant snapshotTakenAt, Duration snapshotAge, Duration duration) {
}
