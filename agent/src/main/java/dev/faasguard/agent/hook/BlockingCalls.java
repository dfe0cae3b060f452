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

    @Override
    public int blockingCallStarted(String kind, String operation, String subject, String missing, Object resource) {
        if (!judged.firstTime(resource)) {
            return 0;
        }
        WithoutTimeoutRule rule = rules.withoutTimeout(kind);
        Optional<Violation> found = rule.evaluate(new BlockingCall(kind, operation, subject, missing,
                invocations.phase()));
        if (found.isEmpty()) {
            return 0;
        }
        StackCapture.Capture capture = recorder.capture(found.get());
        if (capture == null || !rule.calledThroughApi(capture.jdkCallers(), capture.outsideJdk())) {
            return 0;
        }
        if (!capture.madeByLibrary()) {
            return inFlight.start(found.get(), capture, 0);
        }
        if (rule.talksToNetwork()) {
            // A client the application configured connects with the timeouts the application gave it, on the
            // application's thread or on one of its own (OkHttp connects on its task runner).
            Optional<ClientLibrary> client = ClientLibrary.among(capture.libraries());
            if (capture.inApplication() || client.isPresent()) {
                return inFlight.start(client.map(found.get()::through).orElse(found.get()), capture, 0);
            }
        }
        // A library waiting on its own work: the application can change nothing unless it really blocks.
        return inFlight.start(found.get(), capture, WithoutTimeoutRule.LIBRARY_WAIT_THRESHOLD_MILLIS);
    }

    @Override
    public void blockingCallEnded(int id) {
        inFlight.end(id);
    }
}
