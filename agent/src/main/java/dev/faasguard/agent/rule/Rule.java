package dev.faasguard.agent.rule;

/** A rule reads like an Error Prone check: an id, a severity, a one-line summary and how to fix it. */
public interface Rule {

    String id();

    Severity severity();

    String summary();

    String fix();
}
