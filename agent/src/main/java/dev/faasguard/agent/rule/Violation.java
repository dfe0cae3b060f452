package dev.faasguard.agent.rule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a rule found: the message a person reads and the facts a script reads.
 *
 * @param rule the rule that found it
 * @param fix how to fix this one, when it says more than the rule's fix (the setting of the client that made the
 *     call); null for the rule's own
 */
public record Violation(RuleDescription rule, String message, Map<String, Object> detail, String fix) {

    public Violation(RuleDescription rule, String message, Map<String, Object> detail) {
        this(rule, message, detail, null);
    }

    /** How to fix it: this violation's own fix, else the rule's. */
    public String fixText() {
        return fix == null ? rule.fix() : fix;
    }

    /**
     * The same violation, made by a client library the application called: its name in the message and the
     * details, its settings as the fix.
     */
    public Violation through(ClientLibrary client) {
        Map<String, Object> more = new LinkedHashMap<>(detail);
        more.put("library", client.displayName());
        return new Violation(rule, message + " (made by " + client.displayName() + ", which the application called)",
                more, client.fix());
    }
}
