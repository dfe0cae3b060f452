package dev.faasguard.desugar;

import java.util.Map;
import java.util.TreeMap;

/** What one run did: call sites turned into classes, and those left as they were, by reason. */
final class DesugarStatistics {

    private int replaced;
    private final Map<String, Integer> kept = new TreeMap<>();

    void replaced() {
        replaced++;
    }

    void kept(String reason) {
        kept.merge(reason, 1, Integer::sum);
    }

    int replacedCount() {
        return replaced;
    }

    Map<String, Integer> keptByReason() {
        return kept;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(replaced + " lambda call sites turned into classes");
        kept.forEach((reason, count) -> text.append("; ").append(count).append(" left as invokedynamic (").append(reason).append(')'));
        return text.toString();
    }
}
