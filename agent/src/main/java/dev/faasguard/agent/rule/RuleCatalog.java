package dev.faasguard.agent.rule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every rule, listed once. Everything that enumerates rules reads this list: the agent's wiring ({@link Rules}),
 * the options that name rules, the report and its HTML legend, the dashboards' lint, the documentation's check,
 * the tests. A new rule is its class, one line here, its test and its page under docs/rules/ (CONTRIBUTING.md).
 */
public final class RuleCatalog {

    /** A rule as the catalog knows it: its description, and how to make it for this process. */
    record Entry(RuleDescription description, Function<RuleContext, Rule<?>> create) {}

    private static final List<Entry> ENTRIES = List.of(
            new Entry(WriteOutsideTmpRule.DESCRIPTION, WriteOutsideTmpRule::new),
            withoutTimeout(WithoutTimeoutRule.Kind.JOIN),
            withoutTimeout(WithoutTimeoutRule.Kind.CONNECT),
            withoutTimeout(WithoutTimeoutRule.Kind.READ),
            withoutTimeout(WithoutTimeoutRule.Kind.HTTP),
            withoutTimeout(WithoutTimeoutRule.Kind.WAIT),
            new Entry(InvocationFailedRule.DESCRIPTION, context -> new InvocationFailedRule()),
            new Entry(UncaughtExceptionRule.DESCRIPTION, context -> new UncaughtExceptionRule()),
            new Entry(WorkAfterResponseRule.DESCRIPTION, context -> new WorkAfterResponseRule()),
            new Entry(DeadlineExceededRule.DESCRIPTION, context -> new DeadlineExceededRule()),
            new Entry(RuntimeExitRule.DESCRIPTION, context -> new RuntimeExitRule()),
            new Entry(TmpGrowthRule.DESCRIPTION, context -> new TmpGrowthRule()),
            new Entry(TmpNearFullRule.DESCRIPTION, context -> new TmpNearFullRule()),
            new Entry(TimeoutExceedsDeadlineRule.DESCRIPTION, context -> new TimeoutExceedsDeadlineRule()),
            new Entry(RandomAcrossSnapshotRule.DESCRIPTION, context -> new RandomAcrossSnapshotRule()),
            new Entry(ConnectionAcrossSnapshotRule.DESCRIPTION, context -> new ConnectionAcrossSnapshotRule(context.runtimeApi())),
            new Entry(HandlerNotFoundRule.DESCRIPTION, context -> new HandlerNotFoundRule()),
            new Entry(EmbeddedDbOutsideTmpRule.DESCRIPTION, EmbeddedDbOutsideTmpRule::new),
            new Entry(SwallowedExceptionRule.DESCRIPTION, context -> new SwallowedExceptionRule()),
            new Entry(StateAcrossInvocationsRule.DESCRIPTION, context -> new StateAcrossInvocationsRule()));

    private static final Map<String, RuleDescription> BY_ID = byId();

    private RuleCatalog() {}

    /** Every rule's description, in the catalog's order. */
    public static List<RuleDescription> descriptions() {
        List<RuleDescription> descriptions = new ArrayList<>(ENTRIES.size());
        for (Entry entry : ENTRIES) {
            descriptions.add(entry.description());
        }
        return descriptions;
    }

    /** Every rule's id, in the catalog's order. */
    public static List<String> ids() {
        return List.copyOf(BY_ID.keySet());
    }

    public static Optional<RuleDescription> byId(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    static List<Entry> entries() {
        return ENTRIES;
    }

    private static Entry withoutTimeout(WithoutTimeoutRule.Kind kind) {
        return new Entry(kind.description(), context -> new WithoutTimeoutRule(kind, context.runtimeApi()));
    }

    private static Map<String, RuleDescription> byId() {
        Map<String, RuleDescription> byId = new LinkedHashMap<>();
        for (Entry entry : ENTRIES) {
            if (byId.put(entry.description().id(), entry.description()) != null) {
                throw new IllegalStateException("two rules with the id " + entry.description().id());
            }
        }
        return byId;
    }
}
