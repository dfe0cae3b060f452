package dev.faasguard.agent.finding;

import dev.faasguard.agent.rule.RuleDescription;
import dev.faasguard.agent.rule.Violation;
import dev.faasguard.agent.support.Secrets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Turns a rule's violation into a finding at the current call site, unless the user silenced that site. */
public final class FindingRecorder {

    /** Which invocation the calling thread works for, if any. */
    public interface CurrentInvocation {
        /** @return the id of the invocation the calling thread works for, or null */
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

    /** The capture, or null when its call site is on the ignore list for this rule (then counted there). */
    public StackCapture.Capture unlessIgnored(Violation violation, StackCapture.Capture capture) {
        return unlessIgnored(violation.rule(), capture);
    }

    public StackCapture.Capture unlessIgnored(RuleDescription rule, StackCapture.Capture capture) {
        return ignore.silences(rule.id(), capture.callSite()) ? null : capture;
    }

    /** Records a violation at the current call site. @return false when that site is ignored */
    public boolean recordHere(Violation violation) {
        StackCapture.Capture capture = unlessIgnored(violation.rule(), StackCapture.here());
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
        store.record(new Finding.Key(violation.rule().id(), capture.callSite()), () -> finding(violation, capture,
                moreDetail, System.currentTimeMillis(), invocations.currentInvocationId()));
    }

    /** The invocation the calling thread works for, or null. */
    public String currentInvocationId() {
        return invocations.currentInvocationId();
    }

    /** Records a violation of an invocation that has ended: what is found after its response is still its own. */
    public void record(Violation violation, StackCapture.Capture capture, Map<String, Object> moreDetail,
            String invocationId) {
        store.record(new Finding.Key(violation.rule().id(), capture.callSite()),
                () -> finding(violation, capture, moreDetail, System.currentTimeMillis(), invocationId));
    }

    /**
     * The same, with a violation built only when something reads it: the first occurrence at the call site, or a
     * listener that hears every occurrence. A repeat is otherwise only counted.
     */
    public void record(RuleDescription rule, Supplier<Violation> violation, StackCapture.Capture capture,
            Map<String, Object> moreDetail) {
        record(rule, violation, capture, moreDetail, invocations.currentInvocationId());
    }

    /** The same, for an invocation named by the caller: a call that started in it and is judged from elsewhere. */
    public void record(RuleDescription rule, Supplier<Violation> violation, StackCapture.Capture capture,
            Map<String, Object> moreDetail, String invocationId) {
        store.record(new Finding.Key(rule.id(), capture.callSite()), () -> finding(violation.get(), capture,
                moreDetail, System.currentTimeMillis(), invocationId));
    }

    /**
     * The finding recorded at {@code callSite} for the violation's rule says what the violation says now (its
     * message, and its details over the ones it had), a fact learnt later: the line that used a connection after
     * the restore.
     */
    public void amend(Violation violation, CallSite callSite) {
        store.amend(new Finding.Key(violation.rule().id(), callSite), first -> {
            Map<String, Object> detail = new LinkedHashMap<>(first.detail());
            violation.detail().forEach((key, value) -> detail.put(key, Secrets.maskValue(value)));
            return first.amended(Secrets.mask(violation.message()), detail);
        });
    }

    private static Finding finding(Violation violation, StackCapture.Capture capture, Map<String, Object> moreDetail,
            long epochMillis, String invocation) {
        Map<String, Object> detail = new LinkedHashMap<>(violation.detail());
        if (capture.inApplication() && capture.madeByLibrary()) {
            detail.put("via", capture.via());
        }
        detail.putAll(moreDetail);
        detail.replaceAll((key, value) -> Secrets.maskValue(value));
        // Masked here, once, so that no sink (log, reports, spans, metrics) can show a URL's secret in clear.
        return new Finding(violation.rule(), Secrets.mask(violation.message()), violation.fixText(),
                capture.callSite(), capture.stack(), detail, epochMillis, invocation);
    }
}
