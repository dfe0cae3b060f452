package dev.faasguard.agent.finding;

import dev.faasguard.agent.rule.Rule;
import java.util.List;
import java.util.Map;

/**
 * One occurrence of a rule breaking, with where it happened.
 *
 * @param invocation the id of the invocation running when it fired, or null outside any
 */
public record Finding(Rule rule, String message, CallSite callSite, List<String> stack,
        Map<String, Object> detail, long epochMillis, String invocation) {

    /** Occurrences with the same key are counted as one finding. */
    public Key key() {
        return new Key(rule.id(), callSite);
    }

    public record Key(String rule, CallSite callSite) {}
}
