package dev.faasguard.agent.hook;

import dev.faasguard.agent.finding.CallSite;
import dev.faasguard.agent.finding.FindingRecorder;
import dev.faasguard.agent.finding.StackCapture;
import dev.faasguard.agent.rule.SwallowedExceptionRule;
import dev.faasguard.bootstrap.ExceptionSink;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's side of the catch-block hook: an exception the application dropped while working for an invocation
 * is a {@code swallowed-exception} finding at the catch block. The catch site comes with the call, so no stack is
 * walked; the exception's own stack, which tells the line that threw it, is read only for a site's first finding.
 */
public final class DroppedExceptions implements ExceptionSink {

    private final SwallowedExceptionRule rule;
    private final FindingRecorder recorder;
    /** One capture per catch site entered so far: a repeat allocates no stack. Bounded by the application's code. */
    private final Map<CallSite, StackCapture.Capture> sites = new ConcurrentHashMap<>();

    public DroppedExceptions(SwallowedExceptionRule rule, FindingRecorder recorder) {
        this.rule = rule;
        this.recorder = recorder;
    }

    @Override
    public void exceptionDropped(Throwable error, String className, String method, String file, int line) {
        String invocation = recorder.currentInvocationId();
        if (invocation == null) {
            return; // A thread that works for no invocation: a background task of its own, not a handler's answer.
        }
        StackCapture.Capture capture = recorder.unlessIgnored(SwallowedExceptionRule.DESCRIPTION,
                sites.computeIfAbsent(new CallSite(className, method, file, line),
                        site -> StackCapture.Capture.direct(site, List.of(site.frame()), true)));
        if (capture != null) {
            recorder.record(SwallowedExceptionRule.DESCRIPTION, () -> rule.evaluate(dropped(error)).orElseThrow(),
                    capture, Map.of(), invocation);
        }
    }

    /** Where it was thrown: the line the user wants is the application's, and the frame that threw, if not it. */
    private static SwallowedExceptionRule.Dropped dropped(Throwable error) {
        StackTraceElement[] trace = error.getStackTrace();
        if (trace.length == 0) {
            return new SwallowedExceptionRule.Dropped(error, null, null);
        }
        String thrownAt = StackCapture.of(trace).callSite().frame();
        String top = new CallSite(trace[0].getClassName(), trace[0].getMethodName(), trace[0].getFileName(),
                trace[0].getLineNumber()).frame();
        return new SwallowedExceptionRule.Dropped(error, thrownAt, top.equals(thrownAt) ? null : top);
    }
}
