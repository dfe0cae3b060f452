package dev.faasguard.agent.telemetry;

import dev.faasguard.agent.finding.Finding;

/** What a finding of a call that blocked says about the wait: which kind of call, and for how long. */
public final class Blocking {

    private static final String SUFFIX = "-without-timeout";

    private Blocking() {}

    public static boolean isBlocking(Finding finding) {
        return finding.detail().get("blockedMs") instanceof Number && finding.rule().id().endsWith(SUFFIX);
    }

    public static long blockedMillis(Finding finding) {
        return finding.detail().get("blockedMs") instanceof Number blocked ? blocked.longValue() : 0;
    }

    /** {@code join}, {@code connect}, {@code read}, {@code http} or {@code wait}: the rule's kind of call. */
    public static String operation(Finding finding) {
        String rule = finding.rule().id();
        return rule.substring(0, rule.length() - SUFFIX.length());
    }
}
