package dev.faasguard.agent.rule;

import java.util.Locale;

public enum Severity {
    /** Likely to hurt on a function platform, or wasteful. */
    WARNING,
    /** Fails on a function platform. */
    ERROR;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
