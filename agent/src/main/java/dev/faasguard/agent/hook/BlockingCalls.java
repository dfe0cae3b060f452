package dev.faasguard.agent.hook;

import dev.faasguard.agent.finding.FindingRecorder;
import dev.faasguard.agent.finding.InFlightCalls;
import dev.faasguard.agent.finding.StackCapture;
import dev.faasguard.agent.invocation.InvocationMonitor;
import dev.faasguard.agent.invocation.JudgedResources;
import dev.faasguard.agent.rule.BlockingCall;
import dev.faasguard.agent.rule.ClientLibrary;
import dev.faasguard.agent.rule.Rules;
import dev.faasguard.agent.rule.Violation;
import dev.faasguard.agent.rule.WithoutTimeoutRule;
import dev.faasguard.bootstrap.BlockingSink;
import java.util.Optional;

/**
 * The agent's side of the blocking-call hooks: a call that may wait forever is judged by its without-timeout rule,
 * its call site captured, and it becomes a finding when it ends (or when the deadline or the exit finds it still
 * waiting), unless it was a library's short wait on its own work.
 */
public final class BlockingCalls implements BlockingSink {

    private final Rules rules;
    private final FindingRecorder recorder;
    private final InFlightCalls inFlight;
    private final InvocationMonitor invocations;
    private final JudgedResources judged;

    public BlockingCalls(Rules rules, FindingRecorder recorder, InFlightCalls inFlight, InvocationMonitor invocations) {
        this.rules = rules;
        this.recorder = recorder;
        this.inFlight = inFlight;
        this.invocations = invocations;
        this.judged = invocations.judgedResources();
    }

    /**
     * What the finding says is built only when it is read: a call repeated at a known call site costs the rule's
     * check, a short stack walk ({@link StackCapture#here}) and a count.
     */
    @Override
    public int blockingCallStarted(String kind, String operation, String subject, String missing, Object resource) {
        if (resource != null && !judged.firstTime(resource, recorder.currentInvocationId())) {
            return 0;
        }
        WithoutTimeoutRule rule = rules.withoutTimeout(kind);
        BlockingCall call = new BlockingCall(kind, operation, subject, missing, invocations.phase());
        if (!rule.applies(call)) {
            return 0;
        }
        // Captured here, not through the recorder: one frame less keeps the walk within its first batch.
        StackCapture.Capture capture = recorder.unlessIgnored(rule.description(), StackCapture.here());
        if (capture == null || !rule.calledThroughApi(capture.jdkCallers(), capture.outsideJdk())) {
            return 0;
        }
        if (!capture.madeByLibrary()) {
            return inFlight.start(rule.description(), operation, () -> rule.violation(call), capture, 0);
        }
        if (rule.talksToNetwork()) {
            // A client the application configured connects with the timeouts the application gave it, on the
            // application's thread or on one of its own (OkHttp connects on its task runner).
            Optional<ClientLibrary> client = ClientLibrary.among(capture.libraries());
            if (capture.inApplication() || client.isPresent()) {
                return inFlight.start(rule.description(), operation, () -> {
                    Violation violation = rule.violation(call);
                    return client.isPresent() ? violation.through(client.get()) : violation;
                }, capture, 0);
            }
        }
        // A library waiting on its own work: the application can change nothing unless it really blocks.
        return inFlight.start(rule.description(), operation, () -> rule.violation(call), capture,
                WithoutTimeoutRule.LIBRARY_WAIT_THRESHOLD_MILLIS);
    }

    @Override
    public void blockingCallEnded(int id) {
        inFlight.end(id);
    }
}
