package dev.faasguard.agent.finding;

import dev.faasguard.agent.rule.Violation;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns a rule's violation into a finding at the current call site, unless the user silenced that site. */
public final class FindingRecorder {

    /** Which invocation is running now, if any. */
    public interface CurrentInvocation {
        /** @return the running invocation's id, or null */
        String currentInvocationId();
    }

    private final FindingStore store;
    private final IgnoreList ignore;
    private final CurrentInvocation invocations;

    public FindingRecorder(FindingStore store, IgnoreList ignore, CurrentInvocation invocations) {
        this.store = store;
        this.ignore = ignore;
        this.invocations = invocations;
    }

    /** Captures the call site; null when it is on the ignore list (then only counted there). */
    public StackCapture.Capture capture(Violation violation) {
        return unlessIgnored(violation, StackCapture.here());
    }

    /** The capture, or null when its call site is on the ignore list for this rule (then counted there). */
    public StackCapture.Capture unlessIgnored(Violation violation, StackCapture.Capture capture) {
        return ignore.silences(violation.rule().id(), capture.callSite()) ? null : capture;
    }

    /** Records a violation at the current call site. @return false when that site is ignored */
    public boolean recordHere(Violation violation) {
        StackCapture.Capture capture = capture(violation);
        if (capture == null) {
            return false;
        }
        record(violation, capture, Map.of());
        return true;
    }

    /**
     * Records a violation captured earlier, with facts known only now (how long it blocked). When a library stood
     * between the JDK and the application's line, the library frame that made the call is in the details as
     * {@code via}.
     */
    public void record(Violation violation, StackCapture.Capture capture, Map<String, Object> moreDetail) {
        record(violation, capture, moreDetail, invocations.currentInvocationId());
    }

    /** Records a violation of an invocation that has ended: what is found after its response is still its own. */
    public void record(Violation violation, StackCapture.Capture capture, Map<String, Object> moreDetail,
            String invocationId) {
        Map<String, Object> detail = violation.detail();
        boolean via = capture.inApplication() && capture.madeByLibrary();
        if (!moreDetail.isEmpty() || via) {
            detail = new LinkedHashMap<>(detail);
            if (via) {
                detail.put("via", capture.via());
            }
            detail.putAll(moreDetail);
        }
        store.record(new Finding(violation.rule(), violation.message(), violation.fixText(), capture.callSite(),
                capture.stack(), detail, System.currentTimeMillis(), invocationId));
    }
}
