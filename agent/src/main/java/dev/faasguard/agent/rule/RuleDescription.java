package dev.faasguard.agent.rule;

import java.util.List;

/**
 * What a rule is, as its class declares it and everything that lists rules reads it: the report, the log, the
 * HTML report's legend, the options that name rules, the dashboards' lint, the documentation's check.
 *
 * @param id the rule's id, {@code write-outside-tmp}: the name in every output and option
 * @param summary one sentence: what is wrong
 * @param fix how to fix it, as the report and the log print it
 * @param judges the operations or events the rule judges, as the hooks and the invocation monitor name them
 */
public record RuleDescription(String id, Severity severity, String summary, String fix, List<String> judges) {

    public RuleDescription {
        judges = List.copyOf(judges);
    }
}
