package dev.faasguard.agent.rule;

import dev.faasguard.bootstrap.Hooks;
import java.util.List;

/** The id of every rule, for options that name rules. */
public final class RuleCatalog {

    public static final List<String> IDS = List.of(WriteOutsideTmpRule.ID, Hooks.RULE_JOIN, Hooks.RULE_CONNECT,
            Hooks.RULE_READ, Hooks.RULE_HTTP, Hooks.RULE_WAIT, InvocationFailedRule.ID, UncaughtExceptionRule.ID,
            WorkAfterResponseRule.ID, DeadlineExceededRule.ID, RuntimeExitRule.ID, TmpGrowthRule.ID, TmpNearFullRule.ID,
            TimeoutExceedsDeadlineRule.ID);

    private RuleCatalog() {}
}
