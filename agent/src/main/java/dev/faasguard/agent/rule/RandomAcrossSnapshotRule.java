package dev.faasguard.agent.rule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code random-across-snapshot}: a random generator seeded during a SnapStart function's init, before the snapshot,
 * draws a value after the restore. Every restored copy of the environment resumes from the same memory, its seed
 * included: they all draw the same numbers (the same "unique" ids, the same jitter, the same tokens).
 */
public final class RandomAcrossSnapshotRule implements Rule<RandomAcrossSnapshotRule.Reuse> {

    public static final RuleDescription DESCRIPTION = new RuleDescription("random-across-snapshot", Severity.WARNING,
            "A random generator seeded before the SnapStart snapshot is used after the restore: every restored copy "
                    + "draws the same numbers.",
            "Create the generator after the restore (in the handler, or in a CRaC afterRestore hook), or use "
                    + "java.security.SecureRandom, which is reseeded after a restore; the same for Math.random() "
                    + "called during init.",
            List.of("the first value a generator seeded before the checkpoint draws after the restore"));

    /**
     * @param generator the generator's class, {@code java.util.Random}
     * @param usedAt the frame of the first use after the restore, as a stack trace prints it
     */
    public record Reuse(String generator, String usedAt) {}

    @Override
    public RuleDescription description() {
        return DESCRIPTION;
    }

    @Override
    public Optional<Violation> evaluate(Reuse reuse) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("generator", reuse.generator());
        detail.put("usedAfterRestoreAt", reuse.usedAt());
        return Optional.of(new Violation(DESCRIPTION, "A " + reuse.generator() + " seeded during init, before the "
                + "snapshot, is used after the restore at " + reuse.usedAt() + ": every restored copy of the "
                + "environment draws the same numbers from it", detail));
    }
}
