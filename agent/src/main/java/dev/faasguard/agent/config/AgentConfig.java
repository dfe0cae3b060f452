package dev.faasguard.agent.config;

import dev.faasguard.agent.rule.Severity;
import java.util.List;
import java.util.Optional;

/** The agent's settled configuration: every value parsed, every bad one already replaced by its default. */
public record AgentConfig(Mode mode, String report, String reportHtml, List<String> writableRoots, List<String> ignore,
        long deadlineMarginMillis, long tmpCapacityBytes, String handler, List<String> appPackages, long flushTimeoutMillis,
        TraceContinuation traceContinuation, String failOn, boolean swallowed) {

    public static AgentConfig defaults() {
        return new AgentConfig(Options.MODE.defaultValue(), Options.REPORT.defaultValue(),
                Options.REPORT_HTML.defaultValue(), Options.WRITABLE_ROOTS.defaultValue(), Options.IGNORE.defaultValue(),
                Options.DEADLINE_MARGIN.defaultValue(), Options.TMP_CAPACITY.defaultValue(), Options.HANDLER.defaultValue(),
                Options.APP_PACKAGES.defaultValue(), Options.FLUSH_TIMEOUT.defaultValue(), Options.TRACE_CONTINUE.defaultValue(), Options.FAIL_ON.defaultValue(),
                Options.SWALLOWED.defaultValue());
    }

    /** Where the JSON report goes, or empty when it is turned off. */
    public Optional<String> reportPath() {
        return Options.OFF.equals(report) ? Optional.empty() : Optional.of(report);
    }

    /** Where the HTML report goes, or empty when it is off (the default). */
    public Optional<String> reportHtmlPath() {
        return Options.OFF.equals(reportHtml) ? Optional.empty() : Optional.of(reportHtml);
    }

    /** The severity from which findings fail the run at exit, or empty when {@code failOn} is off. */
    public Optional<Severity> failOnSeverity() {
        return Severity.byId(failOn);
    }
}
