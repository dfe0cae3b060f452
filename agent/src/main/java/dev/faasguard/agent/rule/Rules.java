package dev.faasguard.agent.rule;

import java.util.ArrayList;
import java.util.List;

/** One instance of every rule of the {@link RuleCatalog}, made for this process; what the agent's wiring asks for. */
public final class Rules {

    private final List<Rule<?>> rules;

    private Rules(List<Rule<?>> rules) {
        this.rules = rules;
    }

    public static Rules create(RuleContext context) {
        List<Rule<?>> rules = new ArrayList<>();
        for (RuleCatalog.Entry entry : RuleCatalog.entries()) {
            rules.add(entry.create().apply(context));
        }
        return new Rules(List.copyOf(rules));
    }

    /** The one rule of this class. */
    public <R extends Rule<?>> R get(Class<R> type) {
        for (Rule<?> rule : rules) {
            if (type.isInstance(rule)) {
                return type.cast(rule);
            }
        }
        throw new IllegalArgumentException("no rule of type " + type.getName() + " in the catalog");
    }

    /** The without-timeout rule for the kind of call a hook reported ({@code dev.faasguard.bootstrap.Operations}). */
    public WithoutTimeoutRule withoutTimeout(String operationKind) {
        RuleDescription wanted = WithoutTimeoutRule.Kind.of(operationKind).description();
        for (Rule<?> rule : rules) {
            if (rule instanceof WithoutTimeoutRule withoutTimeout && rule.description() == wanted) {
                return withoutTimeout;
            }
        }
        throw new IllegalArgumentException("no without-timeout rule for " + operationKind);
    }
}
