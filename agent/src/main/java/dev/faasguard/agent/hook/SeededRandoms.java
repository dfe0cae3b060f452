package dev.faasguard.agent.hook;

import dev.faasguard.agent.finding.FindingRecorder;
import dev.faasguard.agent.finding.StackCapture;
import dev.faasguard.agent.rule.RandomAcrossSnapshotRule;
import dev.faasguard.agent.rule.Violation;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The random generators a SnapStart function's init seeded, each with the line that created it, until its first use
 * after the restore: then it is a finding at that line, and forgotten. Held weakly: a generator init dropped is no
 * hazard. Neither Random nor SplittableRandom overrides equals or hashCode, so the map goes by identity.
 */
final class SeededRandoms {

    /** Guarded by itself. */
    private final Map<Object, StackCapture.Capture> seeded = new WeakHashMap<>();
    private final RandomAcrossSnapshotRule rule;
    private final FindingRecorder recorder;

    SeededRandoms(RandomAcrossSnapshotRule rule, FindingRecorder recorder) {
        this.rule = rule;
        this.recorder = recorder;
    }

    void seeded(Object random) {
        StackCapture.Capture createdAt = StackCapture.here();
        synchronized (seeded) {
            seeded.put(random, createdAt);
        }
    }

    /** @return whether any generator seeded before the checkpoint is still to be watched */
    boolean anyWatched() {
        synchronized (seeded) {
            return !seeded.isEmpty();
        }
    }

    /** @return whether any generator is still to be watched after this use */
    boolean used(Object random) {
        StackCapture.Capture createdAt;
        boolean more;
        synchronized (seeded) {
            createdAt = seeded.remove(random);
            more = !seeded.isEmpty();
        }
        if (createdAt != null) {
            report(random, createdAt);
        }
        return more;
    }

    /** @return whether any generator is still to be watched once this one, given a new seed, is forgotten */
    boolean reseeded(Object random) {
        synchronized (seeded) {
            seeded.remove(random);
            return !seeded.isEmpty();
        }
    }

    /** At the line that created it, the line to change; the use is in the details. */
    private void report(Object random, StackCapture.Capture createdAt) {
        String usedAt = StackCapture.here().callSite().frame();
        Violation violation = rule.evaluate(new RandomAcrossSnapshotRule.Reuse(random.getClass().getName(), usedAt))
                .orElseThrow();
        StackCapture.Capture kept = recorder.unlessIgnored(violation, createdAt);
        if (kept != null) {
            recorder.record(violation, kept, Map.of());
        }
    }
}
