package dev.faasguard.agent.rule;

/** The description every rule carries, held once: id, severity, summary and fix. */
abstract class DescribedRule implements Rule {

    private final String id;
    private final Severity severity;
    private final String summary;
    private final String fix;

    DescribedRule(String id, Severity severity, String summary, String fix) {
        this.id = id;
        this.severity = severity;
        this.summary = summary;
        this.fix = fix;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Severity severity() {
        return severity;
    }

    @Override
    public final String summary() {
        return summary;
    }

    @Override
    public final String fix() {
        return fix;
    }
}
