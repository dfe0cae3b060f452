package dev.faasguard.agent.rule;

import java.util.Locale;
import java.util.Optional;

/** How bad a finding is, from the least to the most severe: {@code failOn} compares them in this order. */
public enum Severity {
    /** Likely to hurt on a function platform, or wasteful. */
    WARNING,
    /** Fails on a function platform. */
    ERROR;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Severity level) {
        return compareTo(level) >= 0;
    }

    /** The severity whose {@link #id} this is, if any. */
    public static Optional<Severity> byId(String id) {
        for (Severity severity : values()) {
            if (severity.id().equals(id)) {
                return Optional.of(severity);
            }
        }
        return Optional.empty();
    }
}
