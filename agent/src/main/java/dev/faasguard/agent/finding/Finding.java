package dev.faasguard.agent.finding;

import dev.faasguard.agent.rule.RuleDescription;
import java.util.List;
import java.util.Map;

/**
 * One occurrence of a rule breaking, with where it happened.
 *
 * @param fix how to fix it: the rule's fix, or the settings of the client library that made the call
 * @param invocation the id of the invocation running when it fired, or null outside any
 */
public record Finding(RuleDescription rule, String message, String fix, CallSite callSite, List<String> stack,
        Map<String, Object> detail, long epochMillis, String invocation) {

    /** The same finding, saying more: what was learnt about it after it was recorded. */
    public Finding amended(String newMessage, Map<String, Object> newDetail) {
        return new Finding(rule, newMessage, fix, callSite, stack, newDetail, epochMillis, invocation);
    }

    /** Occurrences with the same key are counted as one finding. */
    public Key key() {
        return new Key(rule.id(), callSite);
    }

    public record Key(String rule, CallSite callSite) {}
}
