package dev.faasguard.agent.rule;

import java.util.Map;

/** What a rule found: the message a person reads and the facts a script reads. */
public record Violation(Rule rule, String message, Map<String, Object> detail) {}
