package dev.faasguard.agent;

import dev.faasguard.agent.finding.InFlightCalls;
import dev.faasguard.agent.invocation.InvocationMonitor;
import dev.faasguard.agent.support.AgentLog;
import dev.faasguard.agent.report.ReportFiles;
import dev.faasguard.agent.telemetry.Telemetry;
import dev.faasguard.bootstrap.Hooks;
import java.time.Duration;

/**
 * Gets what the agent knows out of the process before the platform freezes or kills it: the reports rewritten,
 * telemetry exported and the log drained at the end of every invocation, at the deadline, and when the JVM exits.
 */
final class Persistence implements InvocationMonitor.Sinks {

    /** How long exit waits for the log to drain. */
    private static final Duration EXIT_FLUSH = Duration.ofSeconds(2);
    /** How long the end of an invocation waits for the log to drain before the response goes back. */
    private static final Duration INVOCATION_FLUSH = Duration.ofMillis(500);
    /** Left before a deadline for the log to drain once telemetry has had its turn. */
    private static final long DEADLINE_SLACK_MILLIS = 50;

    private final ReportFiles reports;
    private final Telemetry telemetry;
    private final AgentLog log;
    private final InFlightCalls inFlight;
    private final long flushTimeoutMillis;

    Persistence(ReportFiles reports, Telemetry telemetry, AgentLog log, InFlightCalls inFlight,
            long flushTimeoutMillis) {
        this.reports = reports;
        this.telemetry = telemetry;
        this.log = log;
        this.inFlight = inFlight;
        this.flushTimeoutMillis = flushTimeoutMillis;
    }

    /** Export waits at most the flush timeout, and never past the deadline. */
    @Override
    public void persist(long deadlineEpochMillis) {
        reports.write(true);
        long bound = flushTimeoutMillis;
        if (deadlineEpochMillis > 0) {
            bound = Math.max(0, Math.min(bound, deadlineEpochMillis - System.currentTimeMillis() - DEADLINE_SLACK_MILLIS));
        }
        telemetry.flush(bound);
        log.drain(INVOCATION_FLUSH);
    }

    /** A shutdown hook that records the calls still blocked, writes the reports and drains the log. */
    Thread atExit() {
        Thread exit = new Thread(this::exit, "faasguard-exit");
        // The JDK joins each shutdown hook with no timeout: joining the agent's own is no finding.
        Hooks.registerAgentThread(exit);
        return exit;
    }

    private void exit() {
        Hooks.markAgentThread();
        inFlight.recordStillBlocked();
        reports.write(false);
        telemetry.shutdown(flushTimeoutMillis);
        log.flush(EXIT_FLUSH);
    }
}
