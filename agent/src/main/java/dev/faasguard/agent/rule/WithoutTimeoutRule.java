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

    private final RuntimeApiAddress runtimeApi;

    WithoutTimeoutRule(String id, Severity severity, String summary, String fix, RuntimeApiAddress runtimeApi) {
        super(id, severity, summary, fix);
        this.runtimeApi = runtimeApi;
    }

    public Optional<Violation> evaluate(BlockingCall call) {
        if (talksToNetwork() && runtimeApi.matches(call.subject())) {
            return Optional.empty();
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("operation", call.operation());
        describe(call, detail);
        return Optional.of(new Violation(this, message(call, detail), detail));
    }

    /**
     * Whether the application made this call itself, through the API the rule is about ({@link JdkApi}).
     *
     * @param jdkCallers the JDK classes between the hook and the call site
     * @param inApplication whether an application frame was found at all
     */
    public boolean calledByApplication(List<String> jdkCallers, boolean inApplication) {
        return JdkApi.calledByApplication(jdkCallers, inApplication, apiPrefixes());
    }

    /** Class-name prefixes of the JDK API an application calls to make this kind of call. */
    protected abstract List<String> apiPrefixes();

    /** Whether the call goes over the network, where the Runtime API exemption applies. */
    protected abstract boolean talksToNetwork();

    /** Adds the rule's own facts to the detail ({@code blockedMs} is added when the call ends). */
    protected abstract void describe(BlockingCall call, Map<String, Object> detail);

    protected abstract String message(BlockingCall call, Map<String, Object> detail);

    /** The end of every message: what the platform does to such a call. */
    protected static final String CONSEQUENCE =
            "if it never returns, the invocation hangs until the platform kills it at its timeout";
}
