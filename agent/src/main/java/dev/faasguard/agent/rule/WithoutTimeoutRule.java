package dev.faasguard.agent.rule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the five {@code *-without-timeout} rules share: a call that may wait forever, reported with
 * what it waited on. The hooks fire only when the call would really block (the thread is alive, the
 * future not done, the latch not at zero, no timeout set); calls to the platform's own Runtime API
 * are exempt.
 */
public abstract class WithoutTimeoutRule extends DescribedRule {

    /**
     * How long a library must wait on its own work (a thread it started, a future it made, a process it ran) before
     * that wait is a finding. The application cannot change such a wait, and a short one is the library's normal
     * coordination (Spring Boot joining its condition-evaluation thread at init, an environment probe, a driver
     * running {@code uname}). A second is a tenth or more of a typical 3 to 15 s function timeout, billed on every
     * invocation: from there it is worth the user's look. A wait still blocked at the deadline is reported then.
     */
    public static final long LIBRARY_WAIT_THRESHOLD_MILLIS = 1000;

    private final RuntimeApiAddress runtimeApi;

    WithoutTimeoutRule(String id, Severity severity, String summary, String fix, RuntimeApiAddress runtimeApi) {
        super(id, severity, summary, fix);
        this.runtimeApi = runtimeApi;
    }

    /** @param phase whether the call happens during init or an invocation, for what the message says */
    public Optional<Violation> evaluate(BlockingCall call, Phase phase) {
        if (talksToNetwork() && runtimeApi.matches(call.subject())) {
            return Optional.empty();
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("operation", call.operation());
        describe(call, detail);
        return Optional.of(new Violation(this, message(call, detail) + ": " + phase.hang(), detail));
    }

    /**
     * Whether code outside the JDK (the application or a library) made this call, through the API the rule is
     * about ({@link JdkApi}), rather than the JDK on its own behalf.
     *
     * @param jdkCallers the JDK classes between the hook and the first frame outside the JDK
     * @param outsideJdk whether a frame outside the JDK was found at all
     */
    public boolean calledThroughApi(List<String> jdkCallers, boolean outsideJdk) {
        return JdkApi.calledThroughApi(jdkCallers, outsideJdk, apiPrefixes());
    }

    /** Class-name prefixes of the JDK API an application calls to make this kind of call. */
    protected abstract List<String> apiPrefixes();

    /**
     * Whether the call goes over the network: the Runtime API exemption applies, and a client library that makes
     * it does so with the timeouts the application configured it with.
     */
    public abstract boolean talksToNetwork();

    /** Adds the rule's own facts to the detail ({@code blockedMs} is added when the call ends). */
    protected abstract void describe(BlockingCall call, Map<String, Object> detail);

    /** What was called and with what missing; the evaluation adds what the platform does to it. */
    protected abstract String message(BlockingCall call, Map<String, Object> detail);
}
