package dev.faasguard.agent.finding;

import dev.faasguard.agent.rule.Violation;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns a rule's violation into a finding at the current call site, unless the user silenced that site. */
public final class FindingRecorder {

    private final FindingStore store;
    private final IgnoreList ignore;

    public FindingRecorder(FindingStore store, IgnoreList ignore) {
        this.store = store;
        this.ignore = ignore;
    }

    /** Captures the call site; null when it is on the ignore list (then only counted there). */
    public StackCapture.Capture capture(Violation violation) {
        StackCapture.Capture capture = StackCapture.here();
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

    /** Records a violation captured earlier, with facts known only now (how long it blocked). */
    public void record(Violation violation, StackCapture.Capture capture, Map<String, Object> moreDetail) {
        Map<String, Object> detail = violation.detail();
        if (!moreDetail.isEmpty()) {
            detail = new LinkedHashMap<>(detail);
            detail.putAll(moreDetail);
        }
        store.record(new Finding(violation.rule(), violation.message(), capture.callSite(), capture.stack(), detail,
                System.currentTimeMillis()));
    }
}
