package dev.faasguard.agent.config;

import java.util.Locale;

/** What the agent does about a write outside the writable roots. */
public enum Mode {
    /** Record and report; the operation goes ahead. */
    OBSERVE,
    /** Record and report, then fail the operation as AWS Lambda's read-only file system would. */
    ENFORCE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Mode parse(String value) {
        for (Mode mode : values()) {
            if (mode.id().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new IllegalArgumentException(value);
    }
}
